using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Wayfinder.Benchmarks.RouteBenchmarks).Assembly).Run(args);
