using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using System.Text;

namespace Portal.Telephony.Http;

/// <summary>
/// One server-sent event: its <c>data</c>, and the last event id seen so far. <see cref="OversizedBytes"/> is set when
/// the event's data was larger than the reader's limit; <see cref="Data"/> then holds only its start (and "…").
/// </summary>
public sealed record SseEvent(string Data, string? LastEventId, long? OversizedBytes = null);

/// <summary>
/// Reads an event stream (the WHATWG <c>text/event-stream</c> format) with a bound on each event.
/// <c>System.Net.ServerSentEvents.SseParser</c> keeps an event's whole data in memory before handing it out, so a
/// vendor could send one endless event; here an event whose data passes the limit is read past without being kept
/// and comes out with <see cref="SseEvent.OversizedBytes"/>. Memory: one line and one event, each at most the limit.
/// </summary>
public sealed class BoundedSse
{
    /// <summary>Enough for an NFON record with a long transcript; CTI events are a few hundred bytes.</summary>
    public const int DefaultMaxEventBytes = 1024 * 1024;

    /// <summary>How much of an oversized event's data is kept, to say which it was.</summary>
    public const int KeptOfOversized = 1024;

    private const int FieldNameSlack = 16; // "data: " and the like, before a line's value
    private static readonly byte[] ByteOrderMark = [0xEF, 0xBB, 0xBF];

    private readonly int _maxEventBytes;
    private readonly ArrayBufferWriter<byte> _line = new();
    private readonly ArrayBufferWriter<byte> _data = new();
    private readonly List<SseEvent> _ready = [];
    private long _lineBytes;
    private long _dataBytes;
    private string? _keptStart;
    private bool _hasData;
    private bool _skipLineFeed;
    private bool _firstLine = true;
    private string? _lastEventId;

    private BoundedSse(int maxEventBytes) => _maxEventBytes = maxEventBytes;

    public static async IAsyncEnumerable<SseEvent> ReadAsync(Stream stream, int maxEventBytes, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var sse = new BoundedSse(maxEventBytes);
        var pipe = PipeReader.Create(stream, new StreamPipeReaderOptions(leaveOpen: true));
        try
        {
            while (true)
            {
                var result = await pipe.ReadAsync(cancellationToken).ConfigureAwait(false);
                sse.Read(result.Buffer);
                pipe.AdvanceTo(result.Buffer.End); // a partial line is kept in _line
                foreach (var item in sse._ready)
                {
                    yield return item;
                }
                sse._ready.Clear();
                if (result.IsCompleted)
                {
                    yield break; // an event not ended by a blank line is dropped, as the format says
                }
            }
        }
        finally
        {
            await pipe.CompleteAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Splits the bytes into lines (CR, LF or CRLF, also across reads) and acts on each complete one.</summary>
    private void Read(ReadOnlySequence<byte> buffer)
    {
        var reader = new SequenceReader<byte>(buffer);
        while (!reader.End)
        {
            if (_skipLineFeed)
            {
                _skipLineFeed = false;
                reader.IsNext((byte)'\n', advancePast: true);
                continue;
            }
            var start = reader.Position;
            if (!reader.TryAdvanceToAny("\r\n"u8, advancePastDelimiter: false))
            {
                Append(buffer.Slice(start));
                return;
            }
            Append(buffer.Slice(start, reader.Position));
            reader.TryRead(out var delimiter);
            _skipLineFeed = delimiter == '\r';
            EndLine();
        }
    }

    /// <summary>Keeps a line's bytes up to the event limit (plus the field name); counts the rest.</summary>
    private void Append(ReadOnlySequence<byte> part)
    {
        _lineBytes += part.Length;
        var room = _maxEventBytes + FieldNameSlack - _line.WrittenCount;
        foreach (var segment in part)
        {
            if (room <= 0)
            {
                return;
            }
            var kept = segment.Span[..(int)Math.Min(segment.Length, room)];
            _line.Write(kept);
            room -= kept.Length;
        }
    }

    private void EndLine()
    {
        var line = _line.WrittenSpan;
        if (_firstLine && line.StartsWith(ByteOrderMark))
        {
            line = line[ByteOrderMark.Length..];
        }
        _firstLine = false;
        var whole = _lineBytes == _line.WrittenCount;
        if (line.IsEmpty && whole)
        {
            Dispatch();
        }
        else if (!line.IsEmpty && line[0] != ':')
        {
            var colon = line.IndexOf((byte)':');
            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? [] : line[(colon + 1)..];
            if (!value.IsEmpty && value[0] == ' ')
            {
                value = value[1..];
            }
            if (field.SequenceEqual("data"u8))
            {
                AppendData(value, whole ? value.Length : _lineBytes - (line.Length - value.Length));
            }
            else if (whole && field.SequenceEqual("id"u8) && !value.Contains((byte)0))
            {
                _lastEventId = Encoding.UTF8.GetString(value);
            }
            // "event" and "retry" are not needed by any reader here; other fields are ignored, as the format says.
        }
        _line.ResetWrittenCount();
        _lineBytes = 0;
    }

    private void AppendData(ReadOnlySpan<byte> value, long valueBytes)
    {
        _hasData = true;
        _dataBytes += valueBytes + 1;
        if (_dataBytes > _maxEventBytes + 1) // the last line feed is not part of the data
        {
            if (_keptStart is null)
            {
                _data.Write(value[..Math.Min(value.Length, KeptOfOversized)]);
                _keptStart = Encoding.UTF8.GetString(_data.WrittenSpan[..Math.Min(_data.WrittenCount, KeptOfOversized)]) + "…";
                _data.ResetWrittenCount();
            }
            return;
        }
        _data.Write(value);
        _data.Write("\n"u8);
    }

    private void Dispatch()
    {
        if (_hasData)
        {
            _ready.Add(_keptStart is not null
                ? new SseEvent(_keptStart, _lastEventId, _dataBytes - 1)
                : new SseEvent(Encoding.UTF8.GetString(_data.WrittenSpan[..^1]), _lastEventId));
        }
        _data.ResetWrittenCount();
        _dataBytes = 0;
        _keptStart = null;
        _hasData = false;
    }
}
