using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Wayfinder.Api;
using Wayfinder.Context;
using Wayfinder.Routing;
using Wayfinder.Serialization;

namespace Wayfinder.Mcp;

/// <summary>
/// Wayfinder as an MCP server: the tools <c>route</c>, <c>context</c>,
/// <c>open_sheet</c> and <c>list_packs</c>, and every loaded sheet as a
/// resource <c>wayfinder://PACK/SHEET</c>. Handlers are registered directly
/// (no reflection over attributed methods), and every reply is serialized by
/// the source-generated contract of docs/decision.md.
/// </summary>
public static class WayfinderMcp
{
    /// <summary>The scheme of sheet resources: <c>wayfinder://PACK/SHEET</c>.</summary>
    public const string Scheme = "wayfinder";

    /// <summary>The server's name in the MCP handshake.</summary>
    public const string ServerName = "wayfinder";

    /// <summary>The server's options: its identity, capabilities and handlers over <paramref name="service"/>.</summary>
    public static McpServerOptions CreateOptions(WayfinderService service)
    {
        ArgumentNullException.ThrowIfNull(service);
        var tools = WayfinderTools.All
            .Select(t => new Tool { Name = t.Name, Title = t.Title, Description = t.Description, InputSchema = t.InputSchema, Annotations = ReadOnly() })
            .ToList();

        return new McpServerOptions
        {
            ServerInfo = new Implementation { Name = ServerName, Title = "Wayfinder", Version = Version },
            ServerInstructions = "Call 'route' with the user's question before answering questions about ML models in production; read the sheets it names (with 'context' or 'open_sheet') in its order.",
            Capabilities = new ServerCapabilities { Tools = new ToolsCapability(), Resources = new ResourcesCapability() },
            Handlers = new McpServerHandlers
            {
                ListToolsHandler = (_, _) => ValueTask.FromResult(new ListToolsResult { Tools = tools }),
                CallToolHandler = (request, _) => ValueTask.FromResult(Call(service, request.Params)),
                ListResourcesHandler = (_, _) => ValueTask.FromResult(new ListResourcesResult { Resources = Resources(service) }),
                ReadResourceHandler = (request, _) => ValueTask.FromResult(Read(service, request.Params?.Uri)),
            },
        };
    }

    /// <summary>Serves MCP over this process's standard input and output until the input ends or <paramref name="cancellationToken"/> fires.</summary>
    public static Task RunStdioAsync(WayfinderService service, ILoggerFactory? loggerFactory, CancellationToken cancellationToken) =>
        RunLinesAsync(service, Console.OpenStandardInput(), Console.OpenStandardOutput(), loggerFactory, cancellationToken);

    /// <summary>How long, once the input has ended, the server waits for the replies still owed.</summary>
    public static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Serves MCP over newline-delimited JSON-RPC on a pair of streams, as on
    /// stdio. Every line is answered or accounted for: a line that is not one
    /// well-formed JSON-RPC message (not JSON, not UTF-8, a batch, an unusable
    /// id, params its method cannot read) is answered with a JSON-RPC error
    /// naming what is wrong, and a notification or stray reply that cannot be
    /// taken, which JSON-RPC forbids answering, is logged with its line number
    /// through <paramref name="loggerFactory"/>; the server goes on reading.
    /// When the input ends, every request read so far is answered before the
    /// server stops (within <see cref="DrainTimeout"/>): requests piped in and
    /// closed behind are not lost.
    /// </summary>
    public static async Task RunLinesAsync(WayfinderService service, Stream input, Stream output, ILoggerFactory? loggerFactory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        var options = CreateOptions(service);
        var valid = new Pipe();
        await using var sink = new LineAtomicStream(output);
        var logger = loggerFactory?.CreateLogger(typeof(WayfinderMcp).Namespace!) ?? NullLogger.Instance;
        var pump = PumpAsync(input, valid.Writer, sink, logger, cancellationToken);
        await using (var server = McpServer.Create(new StreamServerTransport(valid.Reader.AsStream(), sink, ServerName, loggerFactory), options, loggerFactory))
        {
            await server.RunAsync(cancellationToken).ConfigureAwait(false);
        }

        await pump.ConfigureAwait(false);
    }

    /// <summary>Reads the input line by line and passes on to the server only what it can take (<see cref="IncomingLine"/>).</summary>
    private static async Task PumpAsync(Stream input, PipeWriter valid, LineAtomicStream sink, ILogger logger, CancellationToken cancellationToken)
    {
        var reader = PipeReader.Create(input);
        var requests = 0;
        var number = 0;
        try
        {
            while (true)
            {
                var read = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                var buffer = read.Buffer;
                while (buffer.PositionOf((byte)'\n') is { } end)
                {
                    requests += await TakeAsync(buffer.Slice(0, end).ToArray(), ++number, valid, sink, logger, cancellationToken).ConfigureAwait(false);
                    buffer = buffer.Slice(buffer.GetPosition(1, end));
                }

                if (read.IsCompleted)
                {
                    // The last line may have no newline.
                    requests += buffer.IsEmpty ? 0 : await TakeAsync(buffer.ToArray(), ++number, valid, sink, logger, cancellationToken).ConfigureAwait(false);
                    break;
                }

                reader.AdvanceTo(buffer.Start, buffer.End);
            }

            // The input has ended: closing the server's side now would drop the replies still owed.
            await sink.WaitForRepliesAsync(requests, DrainTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            await reader.CompleteAsync().ConfigureAwait(false);
            await valid.CompleteAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Answers, logs or passes on one line; 1 when it is a request passed on, which the server owes a reply.</summary>
    private static async Task<int> TakeAsync(byte[] line, int number, PipeWriter valid, LineAtomicStream sink, ILogger logger, CancellationToken cancellationToken)
    {
        var text = line.AsMemory().TrimEnd((byte)'\r');
        if (text.Span.IndexOfAnyExcept(" \t"u8) < 0)
        {
            return 0;
        }

        var verdict = IncomingLine.Check(text);
        switch (verdict.Action)
        {
            case LineAction.Answer:
                await sink.WriteLineAsync(verdict.Text!, cancellationToken).ConfigureAwait(false);
                return 0;
            case LineAction.Ignore:
                logger.LogWarning("line {Line}: {Reason}", number, verdict.Text);
                return 0;
            default:
                valid.Write(text.Span);
                valid.Write("\n"u8);
                await valid.FlushAsync(cancellationToken).ConfigureAwait(false);
                return verdict.Action == LineAction.ForwardRequest ? 1 : 0;
        }
    }

    /// <summary>A JSON-RPC reply: an object with an id, and a result or an error.</summary>
    private static bool IsReply(ReadOnlySpan<byte> line)
    {
        try
        {
            var reader = new Utf8JsonReader(line);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            bool id = false, outcome = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                id |= reader.ValueTextEquals("id"u8);
                outcome |= reader.ValueTextEquals("result"u8) || reader.ValueTextEquals("error"u8);
                reader.Skip();
            }

            return id && outcome;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Serves MCP over a pair of streams (for embedding and tests), each line checked as on stdio (<see cref="RunLinesAsync"/>).</summary>
    public static Task RunAsync(WayfinderService service, Stream input, Stream output, ILoggerFactory? loggerFactory, CancellationToken cancellationToken) =>
        RunLinesAsync(service, input, output, loggerFactory, cancellationToken);

    private static string Version =>
        typeof(WayfinderMcp).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    private static CallToolResult Call(WayfinderService service, CallToolRequestParams? call)
    {
        var name = call?.Name ?? "";
        var tool = WayfinderTools.Find(name) ?? throw new McpProtocolException(
            $"unknown tool '{name}'; the tools are {string.Join(", ", WayfinderTools.All.Select(t => t.Name))}", McpErrorCode.InvalidParams);
        try
        {
            return Json(tool.Call(service, RequestArguments.FromValues(call?.Arguments, "argument", name)));
        }
        catch (WayfinderError e)
        {
            // A tool that cannot do what was asked says so in its result, for the model to read and correct.
            return new CallToolResult { IsError = true, Content = [new TextContentBlock { Text = e.Message }] };
        }
    }

    private static CallToolResult Json(string json)
    {
        using var document = JsonDocument.Parse(json);
        return new CallToolResult
        {
            Content = [new TextContentBlock { Text = json }],
            StructuredContent = document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : null,
        };
    }

    private static List<Resource> Resources(WayfinderService service) =>
    [
        .. service.Library.Packs.SelectMany(p => p.Sheets).Select(s => new Resource
        {
            Uri = $"{Scheme}://{s.Pack}/{s.Id}",
            Name = $"{s.Pack}/{s.Id}",
            Title = s.Title,
            Description = $"Reference sheet {s.Id} of {s.Pack} ({s.File})",
            MimeType = "text/markdown",
        }),
    ];

    private static ReadResourceResult Read(WayfinderService service, string? uri)
    {
        var prefix = Scheme + "://";
        if (uri is null || !uri.StartsWith(prefix, StringComparison.Ordinal))
        {
            throw new McpProtocolException($"resources are named {prefix}PACK/SHEET, not '{uri}'", McpErrorCode.InvalidParams);
        }

        try
        {
            var sheet = service.Find(Uri.UnescapeDataString(uri[prefix.Length..]));
            return new ReadResourceResult
            {
                Contents = [new TextResourceContents { Uri = uri, MimeType = "text/markdown", Text = string.Join('\n', sheet.Sections.Select(s => s.Text)) }],
            };
        }
        catch (WayfinderError e)
        {
            throw new McpProtocolException(e.Message, e.Kind == WayfinderErrorKind.NotFound ? McpErrorCode.ResourceNotFound : McpErrorCode.InvalidParams);
        }
    }

    private static ToolAnnotations ReadOnly() => new() { ReadOnlyHint = true, IdempotentHint = true, OpenWorldHint = false, DestructiveHint = false };

    /// <summary>
    /// An output stream that writes whole lines only, one writer at a time, so
    /// the server's replies and the parse errors answered beside them never
    /// interleave.
    /// </summary>
    private sealed class LineAtomicStream(Stream inner) : Stream
    {
        private readonly SemaphoreSlim _gate = new(1, 1);
        private readonly MemoryStream _pending = new();

        // One release for each reply the server has written.
        private readonly SemaphoreSlim _replies = new(0);

        /// <summary>Waits until <paramref name="count"/> replies have been written, or the time is up.</summary>
        public async Task WaitForRepliesAsync(int count, TimeSpan timeout, CancellationToken cancellationToken)
        {
            var deadline = DateTime.UtcNow + timeout;
            for (var i = 0; i < count; i++)
            {
                var left = deadline - DateTime.UtcNow;
                if (left <= TimeSpan.Zero || !await _replies.WaitAsync(left, cancellationToken).ConfigureAwait(false))
                {
                    return;
                }
            }
        }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public async Task WriteLineAsync(string line, CancellationToken cancellationToken)
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes(line + "\n");
            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await inner.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
                await inner.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _gate.Release();
            }
        }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                // Complete lines go out at once; a partial line waits for its end.
                var span = buffer;
                int newline;
                while ((newline = span.Span.IndexOf((byte)'\n')) >= 0)
                {
                    _pending.Write(span.Span[..(newline + 1)]);
                    var line = _pending.GetBuffer().AsMemory(0, (int)_pending.Length);
                    await inner.WriteAsync(line, cancellationToken).ConfigureAwait(false);
                    if (IsReply(line.Span))
                    {
                        _replies.Release();
                    }

                    _pending.SetLength(0);
                    span = span[(newline + 1)..];
                }

                _pending.Write(span.Span);
            }
            finally
            {
                _gate.Release();
            }
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Write(byte[] buffer, int offset, int count) =>
            WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override async Task FlushAsync(CancellationToken cancellationToken)
        {
            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await inner.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _gate.Release();
            }
        }

        public override void Flush() => FlushAsync(CancellationToken.None).GetAwaiter().GetResult();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _gate.Dispose();
                _pending.Dispose();
                _replies.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
