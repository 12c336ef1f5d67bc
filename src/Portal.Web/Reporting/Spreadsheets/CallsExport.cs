using System.Globalization;
using System.IO.Compression;
using System.Security;
using System.Text;
using Portal.Telephony.Calls;
using Portal.Web.Vendors;

namespace Portal.Web.Reporting.Spreadsheets;

/// <summary>What the first rows of a records export say, and who made it when.</summary>
/// <param name="Title">The first row, in large type.</param>
/// <param name="Lines">The rows under it: the filter in words, the time zone, when and by whom, the neutralization rule.</param>
public sealed record ExportHeading(string Title, IReadOnlyList<string> Lines, string Author, DateTime CreatedUtc);

/// <summary>
/// The records export: one sheet "Calls" written row by row as the calls are read, never held in memory. The package is
/// written into a <see cref="ZipArchive"/> in create mode (which needs no seeking); the sheet's XML is written straight as
/// UTF-8 (<see cref="Utf8XmlWriter"/>: measured against OpenXml's OpenXmlWriter, it does the same in about a third of the CPU
/// time and a smaller file), and what the zip produces goes to the output every <see cref="ChunkBytes"/> with asynchronous
/// writes. The calls are read ahead on another task (<see cref="PrefetchRows"/>), so reading and writing overlap.
/// Layout: the heading rows, an empty row, the header row (frozen, with an autofilter over the data), then one row per call:
/// start as an Excel date-time in the viewer's zone, talk and ring time as whole seconds (numbers), phone numbers and
/// extensions as text (never numbers, so "+49…" and "0…" stay as they are), names as text, neutralized
/// (<see cref="SpreadsheetText"/>); direction, outcome, vendor, connection and yes/no as shared strings. Styles are one small
/// shared styles part.
/// </summary>
public static class CallsExport
{
    public const string SheetName = "Calls";
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    /// <summary>Rows an Excel sheet holds.</summary>
    public const int ExcelMaxRows = 1_048_576;
    internal const int ChunkBytes = 64 * 1024;
    /// <summary>Calls read ahead of the writer: the database read and the XML/deflate work run on two threads.</summary>
    internal const int PrefetchRows = 2_000;

    /// <summary>The columns, in order, with their widths in characters (set here: AdjustToContents needs libgdiplus).</summary>
    public static IReadOnlyList<(string Header, double Width)> Columns { get; } =
    [
        ("Start", 20), ("Direction", 11), ("Outcome", 14), ("Extension", 11), ("Extension name", 22), ("Number", 18), ("Name", 26),
        ("Talk (s)", 10), ("Ring (s)", 10), ("Vendor", 18), ("Connection", 22), ("Transcript", 11), ("Recording", 11), ("Call ID", 11),
    ];

    /// <summary>The row of the column headers (1-based): after the title, the heading lines and an empty row.</summary>
    public static int HeaderRow(ExportHeading heading) => heading.Lines.Count + 3;

    /// <summary>How many calls fit under the header row of this heading.</summary>
    public static int MaxCalls(ExportHeading heading) => ExcelMaxRows - HeaderRow(heading);

    /// <summary>
    /// Writes the workbook to <paramref name="output"/> and returns how many calls it holds. Stops at <see cref="MaxCalls"/>
    /// (<paramref name="truncated"/> says so); callers check the count first and refuse larger exports.
    /// </summary>
    public static async Task<CallsExportResult> WriteAsync(Stream output, ExportHeading heading, IAsyncEnumerable<CallRow> calls, TimeZoneInfo zone,
        CancellationToken cancellationToken = default)
    {
        using var sink = new ChunkedOutput();
        var headerRow = HeaderRow(heading);
        var count = 0;
        var truncated = false;
        SharedLabels labels;
        using (var zip = new ZipArchive(sink, ZipArchiveMode.Create, leaveOpen: true))
        {
            Part(zip, "[Content_Types].xml", ContentTypesXml);
            Part(zip, "_rels/.rels", RootRelationshipsXml);
            Part(zip, "docProps/core.xml", CorePropertiesXml(heading));
            Part(zip, "xl/_rels/workbook.xml.rels", WorkbookRelationshipsXml);
            Part(zip, "xl/styles.xml", StylesXml);

            var entry = zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.Fastest);
            await using (var entryStream = entry.Open())
            {
                using var writer = new SheetWriter(entryStream);
                writer.Begin(headerRow);
                writer.Heading(heading);
                var max = MaxCalls(heading);
                await foreach (var call in Prefetched(calls, PrefetchRows, cancellationToken))
                {
                    if (count == max)
                    {
                        truncated = true;
                        break;
                    }
                    writer.Call(headerRow + 1 + count, call, zone);
                    count++;
                    if (sink.Pending >= ChunkBytes)
                    {
                        await sink.DrainToAsync(output, cancellationToken);
                    }
                }
                writer.End(headerRow, headerRow + count);
                labels = writer.Labels;
            }
            Part(zip, "xl/sharedStrings.xml", labels.Xml());
            Part(zip, "xl/workbook.xml", WorkbookXml(headerRow, headerRow + count));
        }
        await sink.DrainToAsync(output, cancellationToken);
        await output.FlushAsync(cancellationToken);
        return new CallsExportResult(count, truncated, sink.Written);
    }

    private static void Part(ZipArchive zip, string name, string xml)
    {
        using var stream = zip.CreateEntry(name, CompressionLevel.Fastest).Open();
        stream.Write(Encoding.UTF8.GetBytes(xml));
    }

    private static string ColumnName(int index) => ((char)('A' + index)).ToString();

    private static string LastColumn => ColumnName(Columns.Count - 1);

    /// <summary>
    /// The sheet's XML, written straight as UTF-8 (<see cref="Utf8XmlWriter"/>). Every row and cell carries its reference; empty
    /// values have no cell. Text is inline, except the few distinct words of the label columns (<see cref="SharedLabels"/>).
    /// </summary>
    private sealed class SheetWriter(Stream stream) : IDisposable
    {
        private static readonly byte[][] Letters = Enumerable.Range(0, Columns.Count).Select(i => Encoding.ASCII.GetBytes(ColumnName(i))).ToArray();
        private static readonly byte[][] StyleAttributes = Enumerable.Range(0, 6).Select(i => Encoding.ASCII.GetBytes($" s=\"{i}\"")).ToArray();

        private readonly Utf8XmlWriter _xml = new(stream);
        private int _row;

        public SharedLabels Labels { get; } = new();

        public void Begin(int headerRow)
        {
            var firstData = "A" + (headerRow + 1).ToString(CultureInfo.InvariantCulture);
            _xml.Raw("""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"""u8);
            _xml.Raw("""<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"""u8);
            _xml.Raw("<sheetViews><sheetView workbookViewId=\"0\"><pane ySplit=\""u8);
            _xml.Int(headerRow);
            _xml.Raw("\" topLeftCell=\""u8);
            _xml.Text(firstData);
            _xml.Raw("\" activePane=\"bottomLeft\" state=\"frozen\"/><selection pane=\"bottomLeft\" activeCell=\""u8);
            _xml.Text(firstData);
            _xml.Raw("\" sqref=\""u8);
            _xml.Text(firstData);
            _xml.Raw("\"/></sheetView></sheetViews><sheetFormatPr defaultRowHeight=\"15\"/><cols>"u8);
            for (var i = 0; i < Columns.Count; i++)
            {
                _xml.Raw("<col min=\""u8);
                _xml.Int(i + 1);
                _xml.Raw("\" max=\""u8);
                _xml.Int(i + 1);
                _xml.Raw("\" width=\""u8);
                _xml.Number(Columns[i].Width);
                _xml.Raw("\" customWidth=\"1\"/>"u8);
            }
            _xml.Raw("</cols><sheetData>"u8);
        }

        public void Heading(ExportHeading heading)
        {
            StartRow(1);
            Text(0, SpreadsheetText.Cell(heading.Title), Styles.Title);
            EndRow();
            for (var i = 0; i < heading.Lines.Count; i++)
            {
                StartRow(i + 2);
                Text(0, SpreadsheetText.Cell(heading.Lines[i]), Styles.Default);
                EndRow();
            }
            StartRow(HeaderRow(heading));
            for (var i = 0; i < Columns.Count; i++)
            {
                Text(i, Columns[i].Header, Styles.Header);
            }
            EndRow();
        }

        public void Call(int rowNumber, CallRow call, TimeZoneInfo zone)
        {
            StartRow(rowNumber);
            var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(call.StartedAtUtc, DateTimeKind.Utc), zone);
            StartCell(0, Styles.DateTime);
            _xml.Raw("><v>"u8);
            _xml.Number(local.ToOADate());
            _xml.Raw("</v></c>"u8);
            Shared(1, Labels.Direction(call.Direction));
            Shared(2, Labels.Outcome(call.Outcome));
            if (call.Extension is { Length: > 0 } extension)
            {
                Text(3, SpreadsheetText.Number(extension), Styles.Text);
            }
            if (call.ExtensionName is { Length: > 0 } extensionName)
            {
                Text(4, SpreadsheetText.Cell(extensionName), Styles.Default);
            }
            if (call.ExternalNumber is { Length: > 0 } number)
            {
                Text(5, SpreadsheetText.Number(number), Styles.Text);
            }
            if (call.ExternalName is { Length: > 0 } name)
            {
                Text(6, SpreadsheetText.Cell(name), Styles.Default);
            }
            Integer(7, call.DurationSeconds);
            if (call.RingSeconds is { } ring)
            {
                Integer(8, ring);
            }
            Shared(9, Labels.Vendor(call.Vendor));
            Shared(10, Labels.Connection(call.ConnectionName));
            Shared(11, Labels.YesNo(call.HasTranscript));
            Shared(12, Labels.YesNo(call.HasRecording));
            Integer(13, call.Id);
            EndRow();
        }

        public void End(int headerRow, int lastRow)
        {
            _xml.Raw("</sheetData><autoFilter ref=\""u8);
            _xml.Text($"A{headerRow}:{LastColumn}{lastRow}");
            _xml.Raw("\"/><pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/></worksheet>"u8);
        }

        private void StartRow(int number)
        {
            _row = number;
            _xml.Raw("<row r=\""u8);
            _xml.Int(number);
            _xml.Raw("\">"u8);
        }

        private void EndRow() => _xml.Raw("</row>"u8);

        /// <summary>Writes <c>&lt;c r="B12"</c> and the style, leaving the start tag open.</summary>
        private void StartCell(int column, uint style)
        {
            _xml.Raw("<c r=\""u8);
            _xml.Raw(Letters[column]);
            _xml.Int(_row);
            _xml.Raw("\""u8);
            if (style != Styles.Default)
            {
                _xml.Raw(StyleAttributes[style]);
            }
        }

        private void Text(int column, string text, uint style)
        {
            StartCell(column, style);
            _xml.Raw(text.Length > 0 && (char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1]))
                ? """ t="inlineStr"><is><t xml:space="preserve">"""u8
                : """ t="inlineStr"><is><t>"""u8);
            _xml.Text(SpreadsheetText.EscapeForSpreadsheetMl(text));
            _xml.Raw("</t></is></c>"u8);
        }

        /// <summary>A cell that refers to an entry of the shared strings part.</summary>
        private void Shared(int column, int index)
        {
            StartCell(column, Styles.Default);
            _xml.Raw(""" t="s"><v>"""u8);
            _xml.Int(index);
            _xml.Raw("</v></c>"u8);
        }

        private void Integer(int column, long value)
        {
            StartCell(column, Styles.Integer);
            _xml.Raw("><v>"u8);
            _xml.Int(value);
            _xml.Raw("</v></c>"u8);
        }

        public void Dispose() => _xml.Dispose();
    }

    /// <summary>The indexes of the cell formats in <see cref="StylesXml"/>.</summary>
    private static class Styles
    {
        public const uint Default = 0;
        public const uint DateTime = 1;
        public const uint Header = 2;
        public const uint Title = 3;
        public const uint Integer = 4;
        public const uint Text = 5;

    }

    /// <summary>
    /// The words of the columns with few distinct values (direction, outcome, vendor, connection, yes/no) as shared strings: each
    /// written once into the shared strings part (after the sheet, when all are known), the cells refer to them by index. Less XML
    /// to write and compress than an inline string per cell; free text and numbers stay inline.
    /// </summary>
    private sealed class SharedLabels
    {
        private readonly List<string> _texts = [];
        private readonly Dictionary<string, int> _indexes = new(StringComparer.Ordinal);
        private readonly Dictionary<VendorKind, int> _vendors = [];
        private readonly Dictionary<string, int> _connections = new(StringComparer.Ordinal);
        private readonly Dictionary<CallDirection, int> _directions = [];
        private readonly Dictionary<CallOutcome, int> _outcomes = [];
        private readonly int[] _yesNo = [-1, -1];

        public int Direction(CallDirection direction)
        {
            if (!_directions.TryGetValue(direction, out var index))
            {
                _directions[direction] = index = Index(ExportLabels.Direction(direction));
            }
            return index;
        }

        public int Outcome(CallOutcome outcome)
        {
            if (!_outcomes.TryGetValue(outcome, out var index))
            {
                _outcomes[outcome] = index = Index(ExportLabels.Outcome(outcome));
            }
            return index;
        }

        public int YesNo(bool value)
        {
            var slot = value ? 1 : 0;
            return _yesNo[slot] >= 0 ? _yesNo[slot] : _yesNo[slot] = Index(value ? "Yes" : "No");
        }

        public int Vendor(VendorKind vendor)
        {
            if (!_vendors.TryGetValue(vendor, out var index))
            {
                _vendors[vendor] = index = Index(SpreadsheetText.Cell(VendorCatalog.Label(vendor)));
            }
            return index;
        }

        public int Connection(string name)
        {
            if (!_connections.TryGetValue(name, out var index))
            {
                _connections[name] = index = Index(SpreadsheetText.Cell(name));
            }
            return index;
        }

        private int Index(string text)
        {
            if (!_indexes.TryGetValue(text, out var index))
            {
                _indexes[text] = index = _texts.Count;
                _texts.Add(text);
            }
            return index;
        }

        public string Xml()
        {
            var xml = new StringBuilder("""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>""");
            xml.Append(CultureInfo.InvariantCulture, $"""<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" uniqueCount="{_texts.Count}">""");
            foreach (var text in _texts)
            {
                var escaped = Escape(SpreadsheetText.EscapeForSpreadsheetMl(text));
                xml.Append(text.Length > 0 && (char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1]))
                    ? $"""<si><t xml:space="preserve">{escaped}</t></si>"""
                    : $"<si><t>{escaped}</t></si>");
            }
            return xml.Append("</sst>").ToString();
        }
    }

    /// <summary>
    /// The calls, read ahead by another task into a bounded channel: the database read and the writing overlap, and at most
    /// <paramref name="capacity"/> calls wait in memory. Stopping early (or failing) cancels and awaits the reader.
    /// </summary>
    private static async IAsyncEnumerable<T> Prefetched<T>(IAsyncEnumerable<T> source, int capacity,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = System.Threading.Channels.Channel.CreateBounded<T>(new System.Threading.Channels.BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            SingleWriter = true,
        });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reader = Task.Run(async () =>
        {
            try
            {
                await foreach (var item in source.WithCancellation(stop.Token))
                {
                    await channel.Writer.WriteAsync(item, stop.Token);
                }
                channel.Writer.Complete();
            }
            catch (Exception ex)
            {
                channel.Writer.TryComplete(ex);
            }
        }, CancellationToken.None);
        try
        {
            await foreach (var item in channel.Reader.ReadAllAsync(cancellationToken))
            {
                yield return item;
            }
        }
        finally
        {
            await stop.CancelAsync();
            await reader;
        }
    }

    private const string ContentTypesXml =
        """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>""" +
        """<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">""" +
        """<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>""" +
        """<Default Extension="xml" ContentType="application/xml"/>""" +
        """<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>""" +
        """<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>""" +
        """<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>""" +
        """<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>""" +
        """<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>""" +
        "</Types>";

    private const string RootRelationshipsXml =
        """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>""" +
        """<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">""" +
        """<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>""" +
        """<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>""" +
        "</Relationships>";

    private const string WorkbookRelationshipsXml =
        """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>""" +
        """<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">""" +
        """<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>""" +
        """<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>""" +
        """<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>""" +
        "</Relationships>";

    // Cell formats: 0 default, 1 date-time, 2 header (bold, filled, underlined), 3 title (bold 14 pt), 4 whole number, 5 text (@).
    private const string StylesXml =
        """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>""" +
        """<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">""" +
        """<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy\-mm\-dd\ hh:mm:ss"/></numFmts>""" +
        """<fonts count="3">""" +
        """<font><sz val="11"/><name val="Calibri"/><family val="2"/></font>""" +
        """<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font>""" +
        """<font><b/><sz val="14"/><name val="Calibri"/><family val="2"/></font>""" +
        "</fonts>" +
        """<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>""" +
        """<fill><patternFill patternType="solid"><fgColor rgb="FFDDE4EE"/><bgColor indexed="64"/></patternFill></fill></fills>""" +
        """<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>""" +
        """<border><left/><right/><top/><bottom style="thin"><color rgb="FF7F8FA6"/></bottom><diagonal/></border></borders>""" +
        """<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>""" +
        """<cellXfs count="6">""" +
        """<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>""" +
        """<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>""" +
        """<xf numFmtId="0" fontId="1" fillId="2" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1"/>""" +
        """<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1"/>""" +
        """<xf numFmtId="1" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>""" +
        """<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>""" +
        "</cellXfs>" +
        """<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>""" +
        "</styleSheet>";

    private static string WorkbookXml(int headerRow, int lastRow) =>
        """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>""" +
        """<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">""" +
        """<bookViews><workbookView/></bookViews>""" +
        $"""<sheets><sheet name="{SheetName}" sheetId="1" r:id="rId1"/></sheets>""" +
        $"""<definedNames><definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">{SheetName}!$A${headerRow}:${LastColumn}${lastRow}</definedName></definedNames>""" +
        "</workbook>";

    private static string CorePropertiesXml(ExportHeading heading) =>
        """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>""" +
        """<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" """ +
        """xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">""" +
        $"<dc:title>{Escape(heading.Title)}</dc:title><dc:creator>{Escape(heading.Author)}</dc:creator>" +
        """<dcterms:created xsi:type="dcterms:W3CDTF">""" + heading.CreatedUtc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) + "</dcterms:created>" +
        "</cp:coreProperties>";

    private static string Escape(string text) => SecurityElement.Escape(SpreadsheetText.XmlSafe(text));
}

/// <summary>What one records export wrote: the calls, whether it stopped at Excel's row limit, and the bytes of the file.</summary>
public sealed record CallsExportResult(int Rows, bool Truncated, long Bytes);
