using Portal.Telephony.Calls;
using Portal.Web.Reporting;

namespace Portal.Components.Tests.Dashboards;

public class RecordBrowserLinksTests
{
    [Fact]
    public void ForNumber_KeepsTheRangeOnly()
    {
        var filter = new DashboardFilter { Range = DateRangePreset.Custom, From = new(2026, 11, 1), To = new(2026, 11, 15), Direction = CallDirection.Inbound, Extensions = ["101"] };

        Assert.Equal("/calls?from=2026-11-01&to=2026-11-15&q=%2B4930123456", RecordBrowserLinks.ForNumber(filter, "+4930123456"));
        Assert.Equal("/calls?q=%2B4930123456", RecordBrowserLinks.ForNumber(new DashboardFilter(), "+4930123456"));
    }

    [Fact]
    public void ForExtension_ReplacesTheExtensionFilterAndDropsTheWindow()
    {
        var filter = new DashboardFilter { Extensions = ["101", "102"], UnreturnedWindowHours = 72 };

        Assert.Equal("/calls?extension=110", RecordBrowserLinks.ForExtension(filter, "110"));
    }
}
