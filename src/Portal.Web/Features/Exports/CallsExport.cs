using System.Globalization;
using System.IO.Compression;
using System.Security;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;
using Portal.Telephony.Calls;
using Portal.Web.Features.Calls;
using Portal.Web.Features.Connections;

namespace Portal.Web.Features.Exports;

/// <summary>What the first rows of a records export say, and who made it when.</summary>
/// <param name="Title">The first row, in large type.</param>
/// <param name="Lines">The rows under it: the filter in words, the time zone, when and by whom, the neutralization rule.</param>
public sealed record ExportHeading(string Title, IReadOnlyList<string> Lines, string Author, DateTime CreatedUtc);

/// <summary>
/// The records export: one sheet "Calls" written row by row as the calls are read, never held in memory. The package is
/// written into a <see cref="ZipArchive"/> in create mode (which needs no seeking), the sheet with OpenXml's SAX
/// <see cref="OpenXmlWriter"/>, and what they produce goes to the output every <see cref="ChunkBytes"/> with asynchronous
/// writes. Layout: the heading rows, an empty row, the header row (frozen, with an autofilter over the data), then one row
/// per call: start as an Excel date-time in the viewer's zone, talk and ring time as whole seconds (numbers), phone numbers
/// and extensions as text (never numbers, so "+49…" and "0…" stay as they are), everything else as text, neutralized
/// (<see cref="SpreadsheetText"/>). Styles are one small shared styles part.
/// </summary>
public static class CallsExport
{
    public const string SheetName = "Calls";
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    /// <summary>Rows an Excel sheet holds.</summary>
    public const int ExcelMaxRows = 1_048_576;
    internal const int ChunkBytes = 64 * 1024;

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
                using var writer = new SheetWriter(OpenXmlWriter.Create(entryStream, new UTF8Encoding(false)));
                writer.Begin(headerRow);
                writer.Heading(heading);
                var labels = new RowLabels();
                var max = MaxCalls(heading);
                await foreach (var call in calls.WithCancellation(cancellationToken))
                {
                    if (count == max)
                    {
                        truncated = true;
                        break;
                    }
                    writer.Call(headerRow + 1 + count, call, zone, labels);
                    count++;
                    if (sink.Pending >= ChunkBytes)
                    {
                        await sink.DrainToAsync(output, cancellationToken);
                    }
                }
                writer.End(headerRow, headerRow + count);
            }
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

    /// <summary>The sheet's XML, element by element. Reuses empty element instances: OpenXmlWriter only reads their names.</summary>
    private sealed class SheetWriter(OpenXmlWriter writer) : IDisposable
    {
        private static readonly Row RowElement = new();
        private static readonly Cell CellElement = new();
        private static readonly CellValue ValueElement = new();
        private static readonly InlineString InlineElement = new();
        private static readonly Text TextElement = new();
        private static readonly OpenXmlAttribute InlineType = new("t", "", "inlineStr");
        private static readonly OpenXmlAttribute[] PreserveSpace = [new("xml", "space", "http://www.w3.org/XML/1998/namespace", "preserve")];
        private static readonly string[] Letters = Enumerable.Range(0, Columns.Count).Select(ColumnName).ToArray();

        private readonly List<OpenXmlAttribute> _attributes = new(3);
        private readonly OpenXmlAttribute[] _rowAttribute = new OpenXmlAttribute[1];
        private string _row = "";

        public void Begin(int headerRow)
        {
            writer.WriteStartDocument(true);
            writer.WriteStartElement(new Worksheet());
            var firstData = "A" + (headerRow + 1).ToString(CultureInfo.InvariantCulture);
            writer.WriteElement(new SheetViews(new SheetView(
                new Pane { VerticalSplit = headerRow, TopLeftCell = firstData, ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen },
                new Selection { Pane = PaneValues.BottomLeft, ActiveCell = firstData, SequenceOfReferences = new ListValue<StringValue> { InnerText = firstData } })
            { WorkbookViewId = 0U }));
            writer.WriteElement(new SheetFormatProperties { DefaultRowHeight = 15 });
            writer.WriteElement(new Columns(Columns.Select((c, i) =>
                new Column { Min = (uint)i + 1, Max = (uint)i + 1, Width = c.Width, CustomWidth = true })));
            writer.WriteStartElement(new SheetData());
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

        public void Call(int rowNumber, CallRow call, TimeZoneInfo zone, RowLabels labels)
        {
            StartRow(rowNumber);
            var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(call.StartedAtUtc, DateTimeKind.Utc), zone);
            Number(0, local.ToOADate().ToString("R", CultureInfo.InvariantCulture), Styles.DateTime);
            Text(1, labels.Direction(call.Direction), Styles.Default);
            Text(2, labels.Outcome(call.Outcome), Styles.Default);
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
            Number(7, call.DurationSeconds.ToString(CultureInfo.InvariantCulture), Styles.Integer);
            if (call.RingSeconds is { } ring)
            {
                Number(8, ring.ToString(CultureInfo.InvariantCulture), Styles.Integer);
            }
            Text(9, labels.Vendor(call.Vendor), Styles.Default);
            Text(10, labels.Connection(call.ConnectionName), Styles.Default);
            Text(11, call.HasTranscript ? "Yes" : "No", Styles.Default);
            Text(12, call.HasRecording ? "Yes" : "No", Styles.Default);
            Number(13, call.Id.ToString(CultureInfo.InvariantCulture), Styles.Integer);
            EndRow();
        }

        public void End(int headerRow, int lastRow)
        {
            writer.WriteEndElement(); // sheetData
            writer.WriteElement(new AutoFilter { Reference = $"A{headerRow}:{LastColumn}{lastRow}" });
            writer.WriteElement(new PageMargins { Left = 0.7, Right = 0.7, Top = 0.75, Bottom = 0.75, Header = 0.3, Footer = 0.3 });
            writer.WriteEndElement(); // worksheet
        }

        private void StartRow(int number)
        {
            _row = number.ToString(CultureInfo.InvariantCulture);
            _rowAttribute[0] = new OpenXmlAttribute("r", "", _row);
            writer.WriteStartElement(RowElement, _rowAttribute);
        }

        private void EndRow() => writer.WriteEndElement();

        private void Text(int column, string text, uint style)
        {
            StartCell(column, style, inline: true);
            writer.WriteStartElement(InlineElement);
            if (text.Length > 0 && (char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1])))
            {
                writer.WriteStartElement(TextElement, PreserveSpace);
            }
            else
            {
                writer.WriteStartElement(TextElement);
            }
            writer.WriteString(SpreadsheetText.EscapeForSpreadsheetMl(text));
            writer.WriteEndElement();
            writer.WriteEndElement();
            writer.WriteEndElement();
        }

        private void Number(int column, string value, uint style)
        {
            StartCell(column, style, inline: false);
            writer.WriteStartElement(ValueElement);
            writer.WriteString(value);
            writer.WriteEndElement();
            writer.WriteEndElement();
        }

        private void StartCell(int column, uint style, bool inline)
        {
            _attributes.Clear();
            _attributes.Add(new OpenXmlAttribute("r", "", string.Concat(Letters[column], _row)));
            if (style != Styles.Default)
            {
                _attributes.Add(new OpenXmlAttribute("s", "", Styles.Id(style)));
            }
            if (inline)
            {
                _attributes.Add(InlineType);
            }
            writer.WriteStartElement(CellElement, _attributes);
        }

        public void Dispose()
        {
            writer.Close();
            writer.Dispose();
        }
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

        private static readonly string[] Names = ["0", "1", "2", "3", "4", "5"];

        public static string Id(uint style) => Names[style];
    }

    /// <summary>Words for the enum columns and connection names, computed once per value rather than once per row.</summary>
    private sealed class RowLabels
    {
        private readonly Dictionary<VendorKind, string> _vendors = [];
        private readonly Dictionary<string, string> _connections = [];

        public string Direction(CallDirection direction) => ExportLabels.Direction(direction);

        public string Outcome(CallOutcome outcome) => ExportLabels.Outcome(outcome);

        public string Vendor(VendorKind vendor)
        {
            if (!_vendors.TryGetValue(vendor, out var label))
            {
                _vendors[vendor] = label = SpreadsheetText.Cell(VendorCatalog.Label(vendor));
            }
            return label;
        }

        public string Connection(string name)
        {
            if (!_connections.TryGetValue(name, out var label))
            {
                _connections[name] = label = SpreadsheetText.Cell(name);
            }
            return label;
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
