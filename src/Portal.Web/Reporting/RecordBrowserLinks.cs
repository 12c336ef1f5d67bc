namespace Portal.Web.Reporting;

/// <summary>
/// Links from the dashboard into the record browser (<c>/calls</c>), which reads the same filter parameters.
/// The call-back window means nothing there and is left out.
/// </summary>
public static class RecordBrowserLinks
{
    public const string Path = "/calls";

    /// <summary>The dashboard's view narrowed to one extension.</summary>
    public static string ForExtension(DashboardFilter filter, string extension) =>
        Path + DashboardFilterQuery.Format(filter with { Extensions = [extension], UnreturnedWindowHours = DashboardFilter.DefaultUnreturnedWindowHours });

    /// <summary>
    /// Every call with one external number in the dashboard's range: the other filters are left out, because whether a
    /// missed call was returned is a question across vendors, directions and extensions (the browser still limits a team lead).
    /// </summary>
    public static string ForNumber(DashboardFilter filter, string number) =>
        Path + CallFilterQuery.Format(new CallFilter
        {
            Dashboard = new DashboardFilter { Range = filter.Range, From = filter.From, To = filter.To },
            Search = number,
        });
}
