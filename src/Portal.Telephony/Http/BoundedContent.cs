using System.Net;

namespace Portal.Telephony.Http;

/// <summary>
/// A response body read with a limit: either cut at the limit (error bodies: only their start is ever shown) or
/// refused beyond it (documents: <paramref name="tooLarge"/> is thrown), so a vendor cannot make the portal read
/// without end. Headers are those of the original body.
/// </summary>
internal sealed class BoundedContent : HttpContent
{
    private readonly HttpContent _inner;
    private readonly long _limit;
    private readonly Func<Exception>? _tooLarge;

    /// <param name="tooLarge">Null: the body is cut at <paramref name="limit"/>; otherwise what to throw beyond it.</param>
    public BoundedContent(HttpContent inner, long limit, Func<Exception>? tooLarge)
    {
        _inner = inner;
        _limit = limit;
        _tooLarge = tooLarge;
        foreach (var header in inner.Headers)
        {
            Headers.TryAddWithoutValidation(header.Key, header.Value);
        }
        if (tooLarge is null)
        {
            Headers.ContentLength = null; // cut: the length may change
        }
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        await using var bounded = await CreateContentReadStreamAsync(cancellationToken).ConfigureAwait(false);
        await bounded.CopyToAsync(stream, cancellationToken).ConfigureAwait(false);
    }

    protected override Task<Stream> CreateContentReadStreamAsync() => CreateContentReadStreamAsync(CancellationToken.None);

    protected override async Task<Stream> CreateContentReadStreamAsync(CancellationToken cancellationToken) =>
        new BoundedStream(await _inner.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), _limit, _tooLarge);

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }
        base.Dispose(disposing);
    }

    /// <summary>Reads at most the limit from the inner stream: then ends (cut) or throws (refused).</summary>
    private sealed class BoundedStream(Stream inner, long limit, Func<Exception>? tooLarge) : Stream
    {
        private long _read;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var allowed = Allowed(buffer.Length);
            return allowed == 0 ? 0 : Counted(inner.Read(buffer[..allowed]));
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var allowed = Allowed(buffer.Length);
            return allowed == 0 ? 0 : Counted(await inner.ReadAsync(buffer[..allowed], cancellationToken).ConfigureAwait(false));
        }

        /// <summary>
        /// How much may be read now. Refusing: one byte past the limit is asked for, so a body of exactly the limit
        /// passes and a longer one is noticed.
        /// </summary>
        private int Allowed(int wanted)
        {
            var left = limit - _read + (tooLarge is null ? 0 : 1);
            if (left <= 0)
            {
                return 0;
            }
            return (int)Math.Min(wanted, left);
        }

        private int Counted(int read)
        {
            _read += read;
            if (tooLarge is not null && _read > limit)
            {
                throw tooLarge();
            }
            return read;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }
            base.Dispose(disposing);
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
