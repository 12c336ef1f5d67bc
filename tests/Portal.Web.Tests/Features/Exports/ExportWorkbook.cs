using ClosedXML.Excel;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;

namespace Portal.Web.Tests.Features.Exports;

/// <summary>Opens an exported file the way a reader would: ClosedXML (read-only use) and the OpenXml schema validator.</summary>
internal static class ExportWorkbook
{
    public static XLWorkbook Open(byte[] bytes) => new(new MemoryStream(bytes, writable: false));

    /// <summary>Schema errors of the package, as text (empty: Excel will open it without repairs).</summary>
    public static List<string> SchemaErrors(byte[] bytes)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes, writable: false), false);
        return new OpenXmlValidator().Validate(document).Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}").ToList();
    }

    /// <summary>The rows of a sheet from <paramref name="firstRow"/> to its last used row.</summary>
    public static List<IXLRow> Rows(IXLWorksheet sheet, int firstRow) =>
        Enumerable.Range(firstRow, Math.Max(0, sheet.LastRowUsed()!.RowNumber() - firstRow + 1)).Select(sheet.Row).ToList();

    /// <summary>The 1-based row whose first cell says <paramref name="text"/>.</summary>
    public static int RowOf(IXLWorksheet sheet, string text) =>
        sheet.Column(1).CellsUsed().First(c => c.GetString() == text).Address.RowNumber;
}
