using Portal.Web.Vendors;
using Portal.Web.Features.Connections;

namespace Portal.Components.Tests.Connections;

public class ResyncFromDateDialogTests
{
    [Fact]
    public void StartOfDayUtc_DayInTheViewersZone_IsItsMidnightInUtc()
    {
        var utc = ResyncFromDateDialog.StartOfDayUtc(new DateTime(2026, 3, 29), TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"));

        Assert.Equal(new DateTime(2026, 3, 28, 23, 0, 0, DateTimeKind.Utc), utc);
    }

    [Fact]
    public void StartOfDayUtc_TypedDayNearDateTimeMinValue_IsTheEarliestDayInsteadOfAnException()
    {
        var utc = ResyncFromDateDialog.StartOfDayUtc(DateTime.MinValue, TimeZoneInfo.FindSystemTimeZoneById("Pacific/Kiritimati"));

        Assert.Equal(new DateTime(1999, 12, 31, 10, 0, 0, DateTimeKind.Utc), utc);
    }
}
