using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Portal.Telephony.Calls;
using Portal.Telephony.Connections;
using Portal.Telephony.Http;

namespace Portal.Telephony.WebFones;

/// <summary>One record of an answer as it came, or (<see cref="TooLarge"/> set) one too large to keep.</summary>
internal readonly record struct WebFonesItem(JsonElement Record, SkippedRecord? TooLarge = null);

/// <summary>
/// Reads a <c>records_after_timestamp</c> answer (<c>{"success": …, "count": …, "records": […]}</c>, properties in any
/// order) token by token as it arrives, and hands the records out one by one, so memory holds one read buffer and the
/// records of it, never the whole answer (WebFones has no paging: one answer may hold every record since the cursor).
/// A record larger than <see cref="MaxRecordBytes"/> is read past without being kept and comes out as a skipped
/// record with the reason; a single JSON value (a string) larger than twice that cannot be read past and fails the
/// answer.
/// </summary>
internal sealed class WebFonesAnswerReader
{
    public const int MaxRecordBytes = 1024 * 1024;
    private const int KeptOfTooLarge = 1024;
    private const string Answered = "WebFones answered the call records request";

    private enum Place { BeforeAnswer, InAnswer, InRecords, AfterAnswer }

    private sealed record Skipping(int Depth, string? KeptStart, long StartedAt);

    private readonly Queue<WebFonesItem> _ready = new();
    private JsonReaderState _state;
    private Place _place;
    private string? _property;
    private JsonTokenType _success = JsonTokenType.None;
    private JsonTokenType _records = JsonTokenType.None;
    private string? _error;
    private Skipping? _skipping;
    private long _offset;

    /// <summary>Reads the answer from <paramref name="body"/>; an answer silent for <paramref name="idleTimeout"/> fails.</summary>
    public static async IAsyncEnumerable<WebFonesItem> ReadAsync(Stream body, TimeSpan idleTimeout, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var answer = new WebFonesAnswerReader();
        // Reads of 64 KB: an incomplete record is read again from its start after each read.
        var pipe = PipeReader.Create(body, new StreamPipeReaderOptions(bufferSize: 64 * 1024, minimumReadSize: 16 * 1024));
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            while (true)
            {
                idle.CancelAfter(idleTimeout);
                ReadResult result;
                try
                {
                    result = await pipe.ReadAsync(idle.Token).ConfigureAwait(false);
                    idle.CancelAfter(Timeout.InfiniteTimeSpan); // the time the caller takes with the records is not the vendor's silence
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is IOException or HttpRequestException or OperationCanceledException)
                {
                    throw new VendorException(new VendorError(VendorKind.WebFones, VendorErrorKind.Unavailable,
                        $"{Answered}, but the answer broke off: {(ex is OperationCanceledException ? $"nothing came for {idleTimeout.TotalSeconds:0} s" : ex.Message)}."), ex);
                }
                var consumed = answer.Read(result.Buffer, result.IsCompleted);
                var unread = result.Buffer.Slice(consumed).Length;
                pipe.AdvanceTo(consumed, result.Buffer.End);
                while (answer._ready.TryDequeue(out var item))
                {
                    yield return item;
                }
                if (result.IsCompleted)
                {
                    answer.Finish();
                    yield break;
                }
                if (unread > 2 * MaxRecordBytes)
                {
                    throw Malformed($"{Answered} with a single value larger than {2 * MaxRecordBytes / (1024 * 1024)} MB; the answer cannot be read.");
                }
            }
        }
        finally
        {
            await pipe.CompleteAsync().ConfigureAwait(false);
        }
    }

    /// <summary>A whole answer already in memory.</summary>
    public static IReadOnlyList<WebFonesItem> ReadAll(ReadOnlyMemory<byte> json)
    {
        var answer = new WebFonesAnswerReader();
        answer.Read(new ReadOnlySequence<byte>(json), final: true);
        answer.Finish();
        return [.. answer._ready];
    }

    /// <summary>Reads what <paramref name="buffer"/> holds; returns how far (the rest waits for more bytes).</summary>
    private SequencePosition Read(ReadOnlySequence<byte> buffer, bool final)
    {
        var reader = new Utf8JsonReader(buffer, final, _state);
        try
        {
            while (true)
            {
                var before = reader.CurrentState;
                var start = reader.Position;
                if (!reader.Read())
                {
                    break;
                }
                if (!Take(ref reader, buffer))
                {
                    _state = before;
                    _offset += buffer.Slice(0, start).Length;
                    return start;
                }
            }
        }
        catch (JsonException ex)
        {
            throw Malformed($"{Answered} with something that is not JSON: {ex.Message}", ex);
        }
        _state = reader.CurrentState;
        _offset += reader.BytesConsumed;
        return reader.Position;
    }

    /// <summary>One token; false when it starts a value that has not fully arrived yet (read it again with more bytes).</summary>
    private bool Take(ref Utf8JsonReader reader, ReadOnlySequence<byte> buffer)
    {
        if (_skipping is { } skipping)
        {
            if (reader.CurrentDepth == skipping.Depth && reader.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray)
            {
                _skipping = null;
                if (skipping.KeptStart is { } kept)
                {
                    AddTooLarge(kept, _offset + reader.BytesConsumed - skipping.StartedAt);
                }
            }
            return true;
        }
        switch (_place)
        {
            case Place.BeforeAnswer:
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    CheckAnswer(reader.TokenType, _success, _error, _records);
                }
                _place = Place.InAnswer;
                return true;
            case Place.InAnswer when reader.TokenType == JsonTokenType.EndObject:
                _place = Place.AfterAnswer;
                return true;
            case Place.InAnswer when reader.TokenType == JsonTokenType.PropertyName:
                _property = reader.GetString();
                return true;
            case Place.InAnswer when _property == "records":
                _records = reader.TokenType;
                if (_records != JsonTokenType.StartArray)
                {
                    CheckAnswer(JsonTokenType.StartObject, _success, _error, _records);
                }
                _place = Place.InRecords;
                return true;
            case Place.InAnswer:
                if (_property == "success")
                {
                    _success = reader.TokenType;
                }
                else if (_property == "error" && reader.TokenType == JsonTokenType.String)
                {
                    _error = reader.GetString();
                }
                return reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray) || reader.TrySkip()
                    || Incomplete(ref reader, buffer.Slice(reader.TokenStartIndex), record: false);
            case Place.InRecords when reader.TokenType == JsonTokenType.EndArray:
                _place = Place.InAnswer;
                return true;
            case Place.InRecords:
                var whole = reader;
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && !whole.TrySkip())
                {
                    return Incomplete(ref reader, buffer.Slice(reader.TokenStartIndex), record: true);
                }
                var size = whole.BytesConsumed - reader.TokenStartIndex;
                if (size > MaxRecordBytes)
                {
                    TooLarge(buffer.Slice(reader.TokenStartIndex), size);
                    reader.TrySkip();
                    return true;
                }
                _ready.Enqueue(new WebFonesItem(JsonElement.ParseValue(ref reader)));
                return true;
            default:
                return true;
        }
    }

    /// <summary>
    /// A value (at the current token) that has not fully arrived: false (wait for more bytes) while it fits in
    /// <see cref="MaxRecordBytes"/>; beyond that it is read past token by token, without being kept.
    /// </summary>
    private bool Incomplete(ref Utf8JsonReader reader, ReadOnlySequence<byte> fromToken, bool record)
    {
        if (fromToken.Length <= MaxRecordBytes)
        {
            return false;
        }
        _skipping = new Skipping(reader.CurrentDepth, record ? KeptStart(fromToken) : null, _offset + reader.TokenStartIndex);
        return true;
    }

    private void TooLarge(ReadOnlySequence<byte> fromToken, long size) => AddTooLarge(KeptStart(fromToken), size);

    private void AddTooLarge(string keptStart, long size) => _ready.Enqueue(new WebFonesItem(default, new SkippedRecord(null,
        $"The record is larger than {MaxRecordBytes / 1024} KB ({size:N0} bytes); only its first {KeptOfTooLarge:N0} bytes are kept.", keptStart)));

    private static string KeptStart(ReadOnlySequence<byte> fromToken) => Encoding.UTF8.GetString(fromToken.Slice(0, KeptOfTooLarge)) + "…";

    /// <summary>The answer has ended: throws when it was not a complete list of records.</summary>
    private void Finish()
    {
        if (_place != Place.AfterAnswer)
        {
            throw Malformed($"{Answered} with an answer that ended early.");
        }
        CheckAnswer(JsonTokenType.StartObject, _success, _error, _records);
    }

    /// <summary>What an answer must be: an object, not <c>"success": false</c>, with a <c>records</c> list.</summary>
    internal static void CheckAnswer(JsonTokenType answer, JsonTokenType success, string? error, JsonTokenType records)
    {
        if (answer != JsonTokenType.StartObject)
        {
            throw Malformed("WebFones answered with JSON that is not an object.");
        }
        if (success == JsonTokenType.False)
        {
            throw new VendorException(new VendorError(VendorKind.WebFones, VendorErrorKind.Rejected,
                $"WebFones answered success=false: {VendorText.Message(error) ?? "no reason given"}."));
        }
        if (records != JsonTokenType.StartArray)
        {
            throw Malformed("WebFones answered without a \"records\" list.");
        }
    }

    private static VendorException Malformed(string message, Exception? inner = null) =>
        new(new VendorError(VendorKind.WebFones, VendorErrorKind.MalformedResponse, message), inner);
}
