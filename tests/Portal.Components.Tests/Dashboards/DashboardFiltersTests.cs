using Portal.Telephony.Calls;
using Portal.Web.Auth;
using Portal.Web.Reporting;
using Portal.Web.Features.Dashboards;

namespace Portal.Components.Tests.Dashboards;

public class DashboardFiltersTests : PortalComponentTest
{
    private static readonly FilterChoices Choices = new(
        [new(1, "NFON", VendorKind.NfonCallHistory), new(2, "Unpod", VendorKind.Unpod)],
        [new("support", "Support")],
        [new("100", "Reception"), new("110", null)]);

    private static readonly ReportingPeriod Period = ReportingPeriod.Resolve(new DashboardFilter(), TimeZoneInfo.Utc,
        new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));

    private DashboardFilter? _changed;

    [Fact]
    public void Render_Filter_ShowsItsValues()
    {
        var filters = RenderFilters(new DashboardFilter { Range = DateRangePreset.Last30Days, Direction = CallDirection.Inbound, Teams = ["support"] });

        Assert.Equal("Last 30 days", filters.Find("[data-testid=filter-range]").GetAttribute("value"));
        Assert.Equal("Inbound", filters.Find("[data-testid=filter-direction]").GetAttribute("value"));
        Assert.Equal("Support", filters.Find("[data-testid=filter-team]").GetAttribute("value"));
        Assert.Empty(filters.FindAll("[data-testid=filter-dates]"));
    }

    [Fact]
    public async Task ChooseCustom_StartsFromTheRangeShown()
    {
        var filters = RenderFilters(new DashboardFilter());

        await filters.InvokeAsync(() => filters.FindComponent<MudBlazor.MudSelect<DateRangePreset>>().Instance.ValueChanged.InvokeAsync(DateRangePreset.Custom));

        Assert.Equal(new DashboardFilter { Range = DateRangePreset.Custom, From = new(2026, 11, 17), To = new(2026, 11, 23) }, _changed);
    }

    [Fact]
    public async Task ChoosePreset_DropsCustomDays()
    {
        var filters = RenderFilters(new DashboardFilter { Range = DateRangePreset.Custom, From = new(2026, 1, 1), To = new(2026, 1, 31) });

        await filters.InvokeAsync(() => filters.FindComponent<MudBlazor.MudSelect<DateRangePreset>>().Instance.ValueChanged.InvokeAsync(DateRangePreset.Today));

        Assert.Equal(new DashboardFilter { Range = DateRangePreset.Today }, _changed);
    }

    [Fact]
    public async Task ChooseExtensions_SortedSoTheUrlIsStable()
    {
        var filters = RenderFilters(new DashboardFilter());
        var select = filters.FindComponents<MudBlazor.MudSelect<string>>().Single(s => s.Instance.Label == "Extensions");

        await filters.InvokeAsync(() => select.Instance.SelectedValuesChanged.InvokeAsync(["110", "100"]));

        Assert.Equal(["100", "110"], _changed!.Extensions);
    }

    [Fact]
    public void Render_TeamLead_AllMyTeams()
    {
        var filters = RenderFilters(new DashboardFilter(), new PortalUser("dev-teamlead", "Taylor", [PortalRoles.Supervisor], ["support"]));

        Assert.Equal("All my teams", filters.Find("[data-testid=filter-team]").GetAttribute("placeholder"));
    }

    private IRenderedComponent<DashboardFilters> RenderFilters(DashboardFilter filter, PortalUser? user = null) =>
        Render<DashboardFilters>(p => p
            .Add(f => f.Filter, filter)
            .Add(f => f.FilterChanged, (DashboardFilter changed) => _changed = changed)
            .Add(f => f.Choices, Choices)
            .Add(f => f.User, user ?? new PortalUser("dev-supervisor", "Sam", [PortalRoles.Supervisor], []))
            .Add(f => f.Period, Period));
}
