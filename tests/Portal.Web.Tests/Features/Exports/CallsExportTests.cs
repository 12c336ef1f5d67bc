using ClosedXML.Excel;
using Portal.Telephony.Calls;
using Portal.Web.Reporting;
using Portal.Web.Features.Exports;
using Portal.Web.Reporting.Spreadsheets;

namespace Portal.Web.Tests.Features.Exports;

/// <summary>The streaming writer on its own: layout, types, zone, neutralization, schema, and only asynchronous, forward-only writes.</summary>
public class CallsExportTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    private static readonly ExportHeading Heading = new("Calls", ["Period: 2025-03-30", "Filter: all calls", "Times in Europe/Berlin"], "Sam", DateTime.UtcNow);

    [Fact]
    public async Task WriteAsync_Calls_WritesTypedRowsUnderFrozenFilteredHeader()
    {
        // 00:30 UTC is 01:30 CET; 01:30 UTC is 03:30 CEST (the clocks went forward in between).
        var calls = new[]
        {
            Row(1, new DateTime(2025, 3, 30, 0, 30, 15, DateTimeKind.Utc), "+4930123456", "Anna", ext: "0108", talk: 125, ring: 7),
            Row(2, new DateTime(2025, 3, 30, 1, 30, 0, DateTimeKind.Utc), "0301234567", null, ext: null, talk: 0, ring: null),
        };
        var output = new AsyncOnlyStream();

        var result = await CallsExport.WriteAsync(output, Heading, calls.ToAsyncEnumerable(), Berlin);

        var bytes = output.ToArray();
        Assert.Equal((2, false, (long)bytes.Length), (result.Rows, result.Truncated, result.Bytes));
        Assert.Empty(ExportWorkbook.SchemaErrors(bytes));
        using var workbook = ExportWorkbook.Open(bytes);
        var sheet = workbook.Worksheet(CallsExport.SheetName);
        Assert.Equal("Calls", sheet.Cell(1, 1).GetString());
        Assert.Equal("Times in Europe/Berlin", sheet.Cell(4, 1).GetString());
        var header = CallsExport.HeaderRow(Heading);
        Assert.Equal(6, header);
        Assert.Equal(CallsExport.Columns.Select(c => c.Header), sheet.Row(header).Cells(1, CallsExport.Columns.Count).Select(c => c.GetString()));
        Assert.Equal(header, sheet.SheetView.SplitRow);
        Assert.Equal($"A{header}:N{header + 2}", sheet.AutoFilter.Range.RangeAddress.ToString());

        var first = sheet.Row(header + 1);
        Assert.Equal(XLDataType.DateTime, first.Cell(1).DataType);
        Assert.Equal(new DateTime(2025, 3, 30, 1, 30, 15), first.Cell(1).GetDateTime());
        Assert.Equal(new DateTime(2025, 3, 30, 3, 30, 0), sheet.Row(header + 2).Cell(1).GetDateTime());
        Assert.Equal(("Inbound", "Answered"), (first.Cell(2).GetString(), first.Cell(3).GetString()));
        Assert.Equal((XLDataType.Text, "0108"), (first.Cell(4).DataType, first.Cell(4).GetString()));
        Assert.Equal((XLDataType.Text, "+4930123456"), (first.Cell(6).DataType, first.Cell(6).GetString()));
        Assert.Equal((XLDataType.Text, "0301234567"), (sheet.Row(header + 2).Cell(6).DataType, sheet.Row(header + 2).Cell(6).GetString()));
        Assert.Equal((XLDataType.Number, 125.0), (first.Cell(8).DataType, first.Cell(8).GetDouble()));
        Assert.Equal((XLDataType.Number, 7.0), (first.Cell(9).DataType, first.Cell(9).GetDouble()));
        Assert.True(sheet.Row(header + 2).Cell(9).IsEmpty());
        Assert.Equal(("Sandbox", "Yes", "No", 1.0), (first.Cell(11).GetString(), first.Cell(12).GetString(), first.Cell(13).GetString(), first.Cell(14).GetDouble()));
    }

    [Fact]
    public async Task WriteAsync_FormulaLikeText_IsNeutralizedAndNeverAFormula()
    {
        string[] names = ["=HYPERLINK(\"https://evil.example\",\"Click\")", "+1", "-2", "@x", "\tx", "\rx", " padded "];
        var start = new DateTime(2025, 3, 10, 9, 0, 0, DateTimeKind.Utc);
        var calls = names.Select((name, i) => Row(i + 1, start.AddMinutes(i), "+4930123456", name) with { ConnectionName = "=cmd|' /C calc'!A0" }).ToList();
        var output = new AsyncOnlyStream();

        await CallsExport.WriteAsync(output, Heading, calls.ToAsyncEnumerable(), TimeZoneInfo.Utc);

        using var workbook = ExportWorkbook.Open(output.ToArray());
        var sheet = workbook.Worksheet(CallsExport.SheetName);
        var rows = ExportWorkbook.Rows(sheet, CallsExport.HeaderRow(Heading) + 1);
        Assert.Equal(["'=HYPERLINK(\"https://evil.example\",\"Click\")", "'+1", "'-2", "'@x", "'\tx", "'\rx", " padded "], rows.Select(r => r.Cell(7).GetString()));
        Assert.All(rows, r =>
        {
            Assert.False(r.Cell(7).HasFormula);
            Assert.Equal(XLDataType.Text, r.Cell(7).DataType);
            Assert.Equal("'=cmd|' /C calc'!A0", r.Cell(11).GetString());
        });
    }

    [Fact]
    public async Task WriteAsync_NoCalls_WritesHeaderOnlyAndValidFile()
    {
        var output = new AsyncOnlyStream();

        var result = await CallsExport.WriteAsync(output, Heading, AsyncEnumerable.Empty<CallRow>(), TimeZoneInfo.Utc);

        Assert.Equal(0, result.Rows);
        Assert.Empty(ExportWorkbook.SchemaErrors(output.ToArray()));
        using var workbook = ExportWorkbook.Open(output.ToArray());
        Assert.Equal(CallsExport.HeaderRow(Heading), workbook.Worksheet(1).LastRowUsed()!.RowNumber());
    }

    [Fact]
    public async Task WriteAsync_ManyCalls_ReachesTheOutputBeforeTheEnd()
    {
        var output = new AsyncOnlyStream();
        var start = new DateTime(2025, 3, 10, 0, 0, 0, DateTimeKind.Utc);
        long writtenBeforeLastRow = -1;
        async IAsyncEnumerable<CallRow> Calls()
        {
            for (var i = 0; i < 20_000; i++)
            {
                if (i == 19_999)
                {
                    writtenBeforeLastRow = output.Length;
                }
                yield return Row(i, start.AddSeconds(i * 7), "+4930" + (1_000_000 + i), "Customer " + i);
                await Task.CompletedTask;
            }
        }

        var result = await CallsExport.WriteAsync(output, Heading, Calls(), TimeZoneInfo.Utc);

        Assert.Equal(20_000, result.Rows);
        Assert.True(writtenBeforeLastRow > output.Length / 2, $"only {writtenBeforeLastRow} of {output.Length} bytes had been written before the last row");
        using var workbook = ExportWorkbook.Open(output.ToArray());
        Assert.Equal(CallsExport.HeaderRow(Heading) + 20_000, workbook.Worksheet(1).LastRowUsed()!.RowNumber());
    }

    private static CallRow Row(long id, DateTime startUtc, string? number, string? name, string? ext = "108", int talk = 60, int? ring = 5) =>
        new(id, startUtc, CallDirection.Inbound, CallOutcome.Answered, ext, ext is null ? null : "Agent " + ext, number, name, talk, ring,
            VendorKind.WebFones, "Sandbox", HasTranscript: true, HasRecording: false);

    /// <summary>Like a response body: forward only, and synchronous writes are refused (Kestrel's default).</summary>
    private sealed class AsyncOnlyStream : Stream
    {
        private readonly MemoryStream _bytes = new();

        public byte[] ToArray() => _bytes.ToArray();
        public override long Length => _bytes.Length;
        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            _bytes.Write(buffer.Span);
            return ValueTask.CompletedTask;
        }
        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public override void Write(byte[] buffer, int offset, int count) => throw new InvalidOperationException("Synchronous writes are not allowed.");
        public override void Flush() => throw new InvalidOperationException("Synchronous flushes are not allowed.");
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
