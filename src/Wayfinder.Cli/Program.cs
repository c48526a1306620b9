using System.Text;
using Wayfinder.Cli;

Console.OutputEncoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
return WayfinderCommand.Run(args, StandardInput.Open, Console.Out, Console.Error);
