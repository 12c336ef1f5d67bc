using ClosedXML.Excel;
using Portal.Web.Vendors;
using Portal.Web.Reporting;
using Portal.Web.Reporting.Spreadsheets;

namespace Portal.Web.Features.Exports;

/// <summary>What a dashboard report holds: data rows over all sheets, and the rows per sheet in words (for the audit log).</summary>
public sealed record DashboardReportResult(int DataRows, string Details);

/// <summary>
/// The dashboard as a styled workbook (ClosedXML, in memory: a few thousand rows at most, as ranges are limited by
/// <see cref="DateRangeLimits"/>; a table longer than a sheet holds is cut with a note row). Sheets: Summary (every KPI of the <see cref="KpiCatalog"/>
/// with its previous-period value and change), Daily trend (the volume buckets; "Hourly trend" for ranges the dashboard shows by
/// hour), Extensions, Vendors and Unreturned missed calls. Counts are numbers, rates percentages, durations Excel times shown as
/// [h]:mm:ss; header rows are frozen; column widths are set here (AdjustToContents needs libgdiplus on Linux).
/// </summary>
public static class DashboardReport
{
    public const string SummarySheet = "Summary";
    public const string DailyTrendSheet = "Daily trend";
    public const string HourlyTrendSheet = "Hourly trend";
    public const string ExtensionsSheet = "Extensions";
    public const string VendorsSheet = "Vendors";
    public const string UnreturnedSheet = "Unreturned missed calls";

    public const string CountFormat = "#,##0";
    public const string PercentFormat = "0.0%";
    public const string DurationFormat = "[h]:mm:ss";
    public const string ChangeFormat = "+0.0%;-0.0%;0.0%";
    public const string PointsFormat = "+0.0\" pp\";-0.0\" pp\";0.0\" pp\"";

    private static readonly XLColor HeaderFill = XLColor.FromHtml("#DDE4EE");
    private static readonly XLColor HeaderLine = XLColor.FromHtml("#7F8FA6");

    /// <param name="maxSheetRows">Rows per sheet, header rows included: Excel's limit; tests pass a small one.</param>
    public static DashboardReportResult Write(Stream output, ExportHeading heading, DashboardData data, int maxSheetRows = CallsExport.ExcelMaxRows)
    {
        using var workbook = new XLWorkbook();
        workbook.Author = heading.Author;
        workbook.Properties.Title = heading.Title;
        workbook.Properties.Created = heading.CreatedUtc;

        var counts = new List<(string Sheet, int Rows)>
        {
            (SummarySheet, Summary(workbook.Worksheets.Add(SummarySheet), heading, data)),
        };
        var trendName = data.Period.BucketSize == BucketSize.Day ? DailyTrendSheet : HourlyTrendSheet;
        counts.Add((trendName, Trend(workbook.Worksheets.Add(trendName), data, maxSheetRows)));
        counts.Add((ExtensionsSheet, Extensions(workbook.Worksheets.Add(ExtensionsSheet), data, maxSheetRows)));
        counts.Add((VendorsSheet, Vendors(workbook.Worksheets.Add(VendorsSheet), data, maxSheetRows)));
        counts.Add((UnreturnedSheet, Unreturned(workbook.Worksheets.Add(UnreturnedSheet), data, maxSheetRows)));

        workbook.SaveAs(output);
        return new DashboardReportResult(counts.Sum(c => c.Rows), "Rows per sheet: " + string.Join(", ", counts.Select(c => $"{c.Sheet} {c.Rows}")));
    }

    private static int Summary(IXLWorksheet sheet, ExportHeading heading, DashboardData data)
    {
        sheet.Cell(1, 1).SetValue(SpreadsheetText.Cell(heading.Title)).Style.Font.SetBold().Font.SetFontSize(14);
        for (var i = 0; i < heading.Lines.Count; i++)
        {
            sheet.Cell(2 + i, 1).SetValue(SpreadsheetText.Cell(heading.Lines[i]));
        }
        var header = heading.Lines.Count + 3;
        Header(sheet, header, ["KPI", "Current period", "Previous period", "Change", "Note"]);
        var row = header;
        foreach (var kpi in KpiCatalog.All)
        {
            row++;
            var current = kpi.Value(data.Current);
            var previous = kpi.Value(data.Previous);
            sheet.Cell(row, 1).SetValue(kpi.FullLabel);
            Value(sheet.Cell(row, 2), kpi.Kind, current);
            Value(sheet.Cell(row, 3), kpi.Kind, previous);
            var note = new List<string>();
            if (kpi.Change(data.Current, data.Previous) is { } change)
            {
                sheet.Cell(row, 4).SetValue(change).Style.NumberFormat.Format = kpi.Kind == KpiKind.Rate ? PointsFormat : ChangeFormat;
            }
            else
            {
                note.Add(previous is null || data.Previous.Total == 0 ? "no calls in the previous period" : current is null ? "none now" : "none before");
            }
            if (kpi.IsEstimated(data.Current))
            {
                note.Add(Lower(KpiCatalog.EstimatedHint));
            }
            if (kpi.Kind == KpiKind.Rate)
            {
                note.Add(Lower(kpi.Hint!) + "; change in percentage points");
            }
            if (note.Count > 0)
            {
                sheet.Cell(row, 5).SetValue(string.Join("; ", note));
            }
        }
        Widths(sheet, 28, 16, 16, 12, 50);
        sheet.SheetView.FreezeRows(header);
        return KpiCatalog.All.Count;
    }

    private static int Trend(IXLWorksheet sheet, DashboardData data, int maxSheetRows)
    {
        var byDay = data.Period.BucketSize == BucketSize.Day;
        Header(sheet, 1, [byDay ? "Day" : "Hour", "Calls", "Answered", "Missed", "Not connected", "Failed", "Unknown", "Inbound", "Missed rate"]);
        var row = 1;
        var (buckets, leftOut) = Fit(data.Volume, row + 1, maxSheetRows);
        foreach (var bucket in buckets)
        {
            row++;
            sheet.Cell(row, 1).SetValue(bucket.LocalStart).Style.NumberFormat.Format = byDay ? "yyyy-mm-dd" : "yyyy-mm-dd hh:mm";
            Counts(sheet, row, 2, bucket.Total, bucket.Answered, bucket.Missed, bucket.NotConnected, bucket.Failed, bucket.Unknown, bucket.Inbound);
            Rate(sheet.Cell(row, 9), bucket.MissedRate);
        }
        Widths(sheet, byDay ? 12 : 17, 10, 10, 10, 14, 10, 10, 10, 12);
        Finish(sheet, 1, row, 9, leftOut);
        return buckets.Count;
    }

    private static int Extensions(IXLWorksheet sheet, DashboardData data, int maxSheetRows)
    {
        Header(sheet, 1, ["Extension", "Name", "Calls", "Answered", "Inbound", "Missed", "Missed rate", "Talk time", "Average talk time"]);
        var row = 1;
        var (extensions, leftOut) = Fit(data.Extensions, row + 1, maxSheetRows);
        foreach (var extension in extensions)
        {
            row++;
            sheet.Cell(row, 1).SetValue(extension.Extension.Length == 0 ? "(no extension)" : SpreadsheetText.Number(extension.Extension));
            sheet.Cell(row, 1).Style.NumberFormat.Format = "@";
            if (extension.Name is { Length: > 0 } name)
            {
                sheet.Cell(row, 2).SetValue(SpreadsheetText.Cell(name));
            }
            Counts(sheet, row, 3, extension.Calls, extension.Answered, extension.Inbound, extension.Missed);
            Rate(sheet.Cell(row, 7), extension.MissedRate);
            Duration(sheet.Cell(row, 8), extension.TalkSeconds);
            Duration(sheet.Cell(row, 9), extension.AverageTalkSeconds);
        }
        Widths(sheet, 14, 24, 10, 10, 10, 10, 12, 12, 18);
        Finish(sheet, 1, row, 9, leftOut);
        return extensions.Count;
    }

    private static int Vendors(IXLWorksheet sheet, DashboardData data, int maxSheetRows)
    {
        Header(sheet, 1, ["Vendor", "Calls", "Answered", "Answer rate", "Talk time", "Average talk time"]);
        var row = 1;
        var (vendors, leftOut) = Fit(data.Vendors, row + 1, maxSheetRows);
        foreach (var vendor in vendors)
        {
            row++;
            sheet.Cell(row, 1).SetValue(SpreadsheetText.Cell(VendorCatalog.Label(vendor.Vendor)));
            Counts(sheet, row, 2, vendor.Calls, vendor.Answered);
            Rate(sheet.Cell(row, 4), vendor.AnswerRate);
            Duration(sheet.Cell(row, 5), vendor.TalkSeconds);
            Duration(sheet.Cell(row, 6), vendor.AverageTalkSeconds);
        }
        Widths(sheet, 22, 10, 10, 12, 12, 18);
        Finish(sheet, 1, row, 6, leftOut);
        return vendors.Count;
    }

    private static int Unreturned(IXLWorksheet sheet, DashboardData data, int maxSheetRows)
    {
        var caption = "Inbound missed calls whose number got no answered call within the call-back window, oldest first.";
        if ((data.Lists ?? CallLists.None).Unreturned.MoreExist)
        {
            caption += $" Only the first {(data.Lists ?? CallLists.None).Unreturned.Calls.Count} are listed: narrow the filter to see the rest.";
        }
        sheet.Cell(1, 1).SetValue(caption);
        Header(sheet, 2, ["Time", "Number", "Name", "Extension", "Connection", "Vendor"]);
        var row = 2;
        var (calls, leftOut) = Fit((data.Lists ?? CallLists.None).Unreturned.Calls, row + 1, maxSheetRows);
        foreach (var call in calls)
        {
            row++;
            sheet.Cell(row, 1).SetValue(data.Period.ToLocal(call.StartedAtUtc)).Style.NumberFormat.Format = "yyyy-mm-dd hh:mm:ss";
            sheet.Cell(row, 2).SetValue(SpreadsheetText.Number(call.Number)).Style.NumberFormat.Format = "@";
            if (call.Name is { Length: > 0 } name)
            {
                sheet.Cell(row, 3).SetValue(SpreadsheetText.Cell(name));
            }
            if (call.Extension is { Length: > 0 } extension)
            {
                sheet.Cell(row, 4).SetValue(SpreadsheetText.Number(extension)).Style.NumberFormat.Format = "@";
            }
            sheet.Cell(row, 5).SetValue(SpreadsheetText.Cell(call.ConnectionName));
            sheet.Cell(row, 6).SetValue(SpreadsheetText.Cell(VendorCatalog.Label(call.Vendor)));
        }
        Widths(sheet, 20, 18, 26, 11, 22, 18);
        Finish(sheet, 2, row, 6, leftOut);
        return calls.Count;
    }

    private static void Value(IXLCell cell, KpiKind kind, double? value)
    {
        switch (kind)
        {
            case KpiKind.Count when value is { } count:
                cell.SetValue(count).Style.NumberFormat.Format = CountFormat;
                break;
            case KpiKind.Rate:
                Rate(cell, value);
                break;
            case KpiKind.Duration:
                Duration(cell, value);
                break;
        }
    }

    /// <summary>A hint as the middle of a sentence: "Missed ÷ inbound calls" → "missed ÷ inbound calls".</summary>
    private static string Lower(string hint) => char.ToLowerInvariant(hint[0]) + hint[1..];

    private static void Counts(IXLWorksheet sheet, int row, int firstColumn, params int[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            sheet.Cell(row, firstColumn + i).SetValue(values[i]).Style.NumberFormat.Format = CountFormat;
        }
    }

    private static void Rate(IXLCell cell, double? rate)
    {
        if (rate is { } value)
        {
            cell.SetValue(value).Style.NumberFormat.Format = PercentFormat;
        }
    }

    /// <summary>Seconds as an Excel time (days), shown as [h]:mm:ss.</summary>
    private static void Duration(IXLCell cell, double? seconds)
    {
        if (seconds is { } value)
        {
            cell.SetValue(value / 86_400).Style.NumberFormat.Format = DurationFormat;
        }
    }

    private static void Header(IXLWorksheet sheet, int row, string[] titles)
    {
        for (var i = 0; i < titles.Length; i++)
        {
            sheet.Cell(row, i + 1).SetValue(titles[i]);
        }
        var range = sheet.Range(row, 1, row, titles.Length);
        range.Style.Font.Bold = true;
        range.Style.Fill.BackgroundColor = HeaderFill;
        range.Style.Border.BottomBorder = XLBorderStyleValues.Thin;
        range.Style.Border.BottomBorderColor = HeaderLine;
    }

    /// <summary>
    /// The rows of a table starting on sheet row <paramref name="firstRow"/> that fit <paramref name="maxSheetRows"/>, and how many
    /// do not; when some do not, one row fewer is kept, for the note that says so.
    /// </summary>
    internal static (IReadOnlyList<T> Rows, int LeftOut) Fit<T>(IReadOnlyList<T> items, int firstRow, int maxSheetRows)
    {
        var room = Math.Max(0, maxSheetRows - firstRow + 1);
        if (items.Count <= room)
        {
            return (items, 0);
        }
        var kept = Math.Max(0, room - 1);
        return (items.Take(kept).ToList(), items.Count - kept);
    }

    /// <summary>Frozen header, an auto-filter over the data rows, and the note row of a table that was cut.</summary>
    private static void Finish(IXLWorksheet sheet, int header, int lastRow, int columns, int leftOut)
    {
        sheet.SheetView.FreezeRows(header);
        sheet.Range(header, 1, Math.Max(header, lastRow), columns).SetAutoFilter();
        if (leftOut > 0)
        {
            sheet.Cell(lastRow + 1, 1).SetValue(LeftOutNote(leftOut)).Style.Font.SetItalic();
        }
    }

    /// <summary>The note below a table that did not fit its sheet.</summary>
    public static string LeftOutNote(int leftOut) =>
        $"{leftOut:N0} more {(leftOut == 1 ? "row was" : "rows were")} left out: an Excel sheet holds at most {CallsExport.ExcelMaxRows:N0} rows. Narrow the filter to see them.";

    private static void Widths(IXLWorksheet sheet, params double[] widths)
    {
        for (var i = 0; i < widths.Length; i++)
        {
            sheet.Column(i + 1).Width = widths[i];
        }
    }
}
