namespace Portal.Web.Reporting.Spreadsheets;

/// <summary>
/// A write-only, non-seekable stream that collects what a synchronous writer (ZipArchive) produces, so the
/// caller can hand it on to the response with asynchronous writes (<see cref="DrainToAsync"/>) every few kilobytes. Kestrel
/// refuses synchronous writes, and awaiting each drain gives back-pressure: a slow client slows the database read, and
/// memory stays at one chunk.
/// </summary>
internal sealed class ChunkedOutput : Stream
{
    private readonly MemoryStream _buffer = new();

    /// <summary>Bytes collected and not yet drained.</summary>
    public long Pending => _buffer.Length;

    /// <summary>Bytes drained so far.</summary>
    public long Written { get; private set; }

    public async Task DrainToAsync(Stream output, CancellationToken cancellationToken)
    {
        if (_buffer.Length == 0)
        {
            return;
        }
        await output.WriteAsync(_buffer.GetBuffer().AsMemory(0, (int)_buffer.Length), cancellationToken);
        Written += _buffer.Length;
        _buffer.SetLength(0);
    }

    public override void Write(byte[] buffer, int offset, int count) => _buffer.Write(buffer, offset, count);
    public override void Write(ReadOnlySpan<byte> buffer) => _buffer.Write(buffer);
    public override void WriteByte(byte value) => _buffer.WriteByte(value);

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _buffer.Dispose();
        }
        base.Dispose(disposing);
    }
}
