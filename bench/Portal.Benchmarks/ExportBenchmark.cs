using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using ClosedXML.Excel;
using DocumentFormat.OpenXml.Packaging;
using Row = DocumentFormat.OpenXml.Spreadsheet.Row;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Portal.Telephony.Calls;
using Portal.Web.Auth;
using Portal.Web.Data.Entities;
using Portal.Web.Audit;
using Portal.Web.Reporting;
using Portal.Web.Vendors;
using Portal.Web.Features.Exports;
using Portal.Web.Features.Sync.Ingest;
using Portal.Web.Reporting.Spreadsheets;

namespace Portal.Benchmarks;

/// <summary>
/// The records export of N calls (SQLite, filled through CallIngestor): the portal's streaming path (CallSearch.StreamAsync →
/// CallsExport, written to a file with asynchronous writes, as to a response body) once cold (the first export after start)
/// and once warm, and in the same run a ClosedXML workbook with the same cells built in memory and saved (the baseline); also
/// the database read alone and the writer alone (rows from memory), to show where the time goes.
/// Memory: a sampler thread reads the managed heap (GC.GetTotalMemory(false), garbage included) and the process working set
/// every 5 ms; "extra" is the peak during a case minus the value right before it, after a full compacting collection. The
/// streaming cases run before the baseline, so the baseline's retained memory cannot hide theirs. CPU seconds are the
/// process's processor time during the case (all threads), wall seconds depend on what else the machine runs (load shown).
/// </summary>
internal static class ExportBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var count = int.Parse(Option(args, "--records") ?? "100000", CultureInfo.InvariantCulture);
        var file = Path.Combine(Path.GetTempPath(), $"portal-export-bench-{Guid.NewGuid():N}.db");
        var streamed = Path.ChangeExtension(file, ".streamed.xlsx");
        var baseline = Path.ChangeExtension(file, ".closedxml.xlsx");
        try
        {
            var contexts = new BenchDbContextFactory($"Data Source={file}");
            var watch = Stopwatch.StartNew();
            var (from, to) = await FillAsync(contexts, count);
            Console.WriteLine($"{count:N0} calls ingested in {watch.Elapsed.TotalSeconds:F0} s; GC: {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")}");

            var load = Measure.LoadAverage();
            var clock = TimeProvider.System;
            var search = new CallSearch(contexts, clock);
            var exports = new ExportService(search, new DashboardQuery(contexts, clock), new AuditLog(contexts, new SecurityLog(NullLoggerFactory.Instance), clock, NullLogger<AuditLog>.Instance), contexts,
                new ExportMetrics(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>()), clock, NullLogger<ExportService>.Instance);
            var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
            var user = new PortalUser("bench", "Bench Supervisor", [PortalRoles.Supervisor], []);
            var filter = new CallFilter { Dashboard = new DashboardFilter { Range = DateRangePreset.Custom, From = from, To = to } };
            var heading = await exports.CallsHeadingAsync(user, filter, [], zone);
            var expected = await exports.CountCallsAsync(user, filter, zone);
            if (expected != count)
            {
                throw new InvalidOperationException($"the filter matches {expected} calls, not {count}");
            }

            // The first export after start pays for JIT compilation (tiered: unoptimized code first) and EF Core's query compilation.
            var cold = await Measure.RunAsync("streaming, first export after start (cold)", () => StreamToFileAsync(search, user, filter, zone, heading, streamed));
            await Task.Delay(TimeSpan.FromSeconds(2)); // let tiered compilation finish its optimized versions
            using (var small = new XLWorkbook())
            {
                ClosedXmlBaseline.Fill(small.Worksheets.Add(CallsExport.SheetName), heading, [], zone); // ClosedXML's code warm too
            }

            var read = await Measure.RunAsync("database read only (CallSearch.StreamAsync)", async () =>
            {
                var n = 0;
                await foreach (var _ in search.StreamAsync(user, filter, zone))
                {
                    n++;
                }
                return (n, 0L);
            });
            var streaming = await Measure.RunAsync("streaming (CallsExport, warm)", () => StreamToFileAsync(search, user, filter, zone, heading, streamed));
            var closedXml = await Measure.RunAsync("ClosedXML in memory (baseline)", async () =>
            {
                using var workbook = new XLWorkbook();
                var sheet = workbook.Worksheets.Add(CallsExport.SheetName);
                var n = await ClosedXmlBaseline.FillAsync(sheet, heading, search.StreamAsync(user, filter, zone), zone);
                workbook.SaveAs(baseline);
                return (n, new FileInfo(baseline).Length);
            });

            var inMemory = new List<CallRow>(count);
            await foreach (var row in search.StreamAsync(user, filter, zone))
            {
                inMemory.Add(row);
            }
            var writerOnly = await Measure.RunAsync("writer alone (rows from memory, to Stream.Null)", async () =>
            {
                var result = await CallsExport.WriteAsync(Stream.Null, heading, inMemory.ToAsyncEnumerable(), zone);
                return (result.Rows, result.Bytes);
            });
            inMemory = null;

            // The title, the heading lines and the header row are rows too (the empty row before the header is not written).
            var rowsInFile = CountRows(streamed) - (CallsExport.HeaderRow(heading) - 1);
            if (streaming.Rows != count || cold.Rows != count || closedXml.Rows != count || rowsInFile != count)
            {
                throw new InvalidOperationException($"rows: streamed {streaming.Rows} (file {rowsInFile}), ClosedXML {closedXml.Rows}, expected {count}");
            }

            Console.WriteLine();
            Console.WriteLine("| path | rows | seconds | CPU seconds | peak extra managed heap | peak extra working set | allocated | file |");
            Console.WriteLine("|---|---|---|---|---|---|---|---|");
            foreach (var m in new[] { read, writerOnly, cold, streaming, closedXml })
            {
                Console.WriteLine($"| {m.Name} | {m.Rows:N0} | {m.Seconds:F2} | {m.CpuSeconds:F2} | {Measure.Mb(m.PeakHeap)} | {Measure.Mb(m.PeakWorkingSet)} | {Measure.Mb(m.Allocated)} | {(m.Bytes == 0 ? "" : Measure.Mb(m.Bytes))} |");
            }
            Console.WriteLine($"ratio ClosedXML / streaming (warm): time {closedXml.Seconds / streaming.Seconds:F1}×, CPU {closedXml.CpuSeconds / streaming.CpuSeconds:F1}×, " +
                $"peak extra managed heap {Ratio(closedXml.PeakHeap, streaming.PeakHeap)}");
            Console.WriteLine($"streaming: {streaming.Bytes / (double)count:F1} bytes per call (ExportButton's progress estimate uses this); load average before/after: {load} / {Measure.LoadAverage()}");
            Console.WriteLine("target (streaming): 100,000 records < 5 s and < 150 MB extra memory");
            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var path in new[] { file, file + "-wal", file + "-shm", streamed, baseline })
            {
                File.Delete(path);
            }
        }
    }

    /// <summary>The portal's path: CallSearch.StreamAsync into CallsExport, to a file with asynchronous writes (as to a response body).</summary>
    private static async Task<(int Rows, long Bytes)> StreamToFileAsync(CallSearch search, PortalUser user, CallFilter filter, TimeZoneInfo zone,
        ExportHeading heading, string path)
    {
        await using var output = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous);
        var result = await CallsExport.WriteAsync(output, heading, search.StreamAsync(user, filter, zone), zone);
        return (result.Rows, result.Bytes);
    }

    private static string Ratio(long a, long b) => b <= 0 ? "n/a" : $"{(double)a / b:F1}×";

    private static string? Option(string[] args, string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();

    /// <summary>Rows of the streamed file's sheet, read with OpenXml's SAX reader (the file is a valid package).</summary>
    private static int CountRows(string path)
    {
        using var document = SpreadsheetDocument.Open(path, false);
        using var reader = DocumentFormat.OpenXml.OpenXmlReader.Create(document.WorkbookPart!.WorksheetParts.Single());
        var rows = 0;
        while (reader.Read())
        {
            if (reader.ElementType == typeof(Row) && reader.IsStartElement)
            {
                rows++;
            }
        }
        return rows;
    }

    /// <summary>N calls over about a year, three connections, 40 extensions in four teams; some names look like formulas.</summary>
    private static async Task<(DateOnly From, DateOnly To)> FillAsync(BenchDbContextFactory contexts, int count)
    {
        await using (var db = contexts.CreateDbContext())
        {
            await db.Database.OpenConnectionAsync();
            await db.Database.ExecuteSqlRawAsync("PRAGMA auto_vacuum = INCREMENTAL; PRAGMA journal_mode = WAL;");
            await db.Database.MigrateAsync();
            foreach (var vendor in new[] { VendorKind.NfonCallHistory, VendorKind.WebFones, VendorKind.Cinnox })
            {
                db.Connections.Add(new Connection { Name = VendorCatalog.Label(vendor) + " office", Vendor = vendor, BaseUrl = "http://localhost/" });
            }
            await db.SaveChangesAsync();
        }
        var records = GeneratedRecords.Create(count)
            .Select((c, i) => i % 997 == 0 ? c with { ExternalName = "=HYPERLINK(\"https://example.invalid\",\"x\")" } : c)
            .ToArray();
        var ingestor = new CallIngestor(contexts, TimeProvider.System, BenchLedger.Empty);
        foreach (var calls in records.Select((c, i) => (Connection: 1 + i % 3, Call: c)).GroupBy(x => x.Connection, x => x.Call))
        {
            foreach (var page in calls.Chunk(5_000))
            {
                await ingestor.IngestAsync(calls.Key, page, [], new CursorUpdate(SyncStreams.Records, page[^1].StartedAtUtc), CancellationToken.None);
            }
        }
        // Whole UTC days around every call; in Europe/Berlin one day more on each side.
        return (DateOnly.FromDateTime(records.Min(r => r.StartedAtUtc)).AddDays(-1), DateOnly.FromDateTime(records.Max(r => r.StartedAtUtc)).AddDays(1));
    }

    /// <summary>The same cells as <see cref="CallsExport"/> writes, through ClosedXML: heading, header, typed rows, freeze, filter, widths.</summary>
    private static class ClosedXmlBaseline
    {
        public static void Fill(IXLWorksheet sheet, ExportHeading heading, IEnumerable<CallRow> rows, TimeZoneInfo zone)
        {
            var header = Heading(sheet, heading);
            var row = header;
            foreach (var call in rows)
            {
                Row(sheet, ++row, call, zone);
            }
            Finish(sheet, header, row);
        }

        public static async Task<int> FillAsync(IXLWorksheet sheet, ExportHeading heading, IAsyncEnumerable<CallRow> rows, TimeZoneInfo zone)
        {
            var header = Heading(sheet, heading);
            var row = header;
            await foreach (var call in rows)
            {
                Row(sheet, ++row, call, zone);
            }
            Finish(sheet, header, row);
            return row - header;
        }

        private static int Heading(IXLWorksheet sheet, ExportHeading heading)
        {
            sheet.Cell(1, 1).SetValue(heading.Title).Style.Font.SetBold().Font.SetFontSize(14);
            for (var i = 0; i < heading.Lines.Count; i++)
            {
                sheet.Cell(i + 2, 1).SetValue(heading.Lines[i]);
            }
            var header = CallsExport.HeaderRow(heading);
            for (var i = 0; i < CallsExport.Columns.Count; i++)
            {
                sheet.Cell(header, i + 1).SetValue(CallsExport.Columns[i].Header).Style.Font.SetBold();
                sheet.Column(i + 1).Width = CallsExport.Columns[i].Width;
            }
            return header;
        }

        private static void Row(IXLWorksheet sheet, int row, CallRow call, TimeZoneInfo zone)
        {
            sheet.Cell(row, 1).SetValue(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(call.StartedAtUtc, DateTimeKind.Utc), zone))
                .Style.NumberFormat.Format = "yyyy-mm-dd hh:mm:ss";
            sheet.Cell(row, 2).SetValue(ExportLabels.Direction(call.Direction));
            sheet.Cell(row, 3).SetValue(ExportLabels.Outcome(call.Outcome));
            if (call.Extension is { } extension)
            {
                sheet.Cell(row, 4).SetValue(SpreadsheetText.Number(extension));
            }
            if (call.ExtensionName is { } extensionName)
            {
                sheet.Cell(row, 5).SetValue(SpreadsheetText.Cell(extensionName));
            }
            if (call.ExternalNumber is { } number)
            {
                sheet.Cell(row, 6).SetValue(SpreadsheetText.Number(number));
            }
            if (call.ExternalName is { } name)
            {
                sheet.Cell(row, 7).SetValue(SpreadsheetText.Cell(name));
            }
            sheet.Cell(row, 8).SetValue(call.DurationSeconds);
            if (call.RingSeconds is { } ring)
            {
                sheet.Cell(row, 9).SetValue(ring);
            }
            sheet.Cell(row, 10).SetValue(VendorCatalog.Label(call.Vendor));
            sheet.Cell(row, 11).SetValue(SpreadsheetText.Cell(call.ConnectionName));
            sheet.Cell(row, 12).SetValue(call.HasTranscript ? "Yes" : "No");
            sheet.Cell(row, 13).SetValue(call.HasRecording ? "Yes" : "No");
            sheet.Cell(row, 14).SetValue(call.Id);
        }

        private static void Finish(IXLWorksheet sheet, int header, int lastRow)
        {
            sheet.SheetView.FreezeRows(header);
            sheet.Range(header, 1, lastRow, CallsExport.Columns.Count).SetAutoFilter();
        }
    }
}
