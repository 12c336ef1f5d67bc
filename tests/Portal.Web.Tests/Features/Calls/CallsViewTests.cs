using Portal.Telephony.Calls;
using Portal.Web.Reporting;
using Portal.Web.Tests.Features.Dashboards;
using Portal.Web.Features.Calls;

namespace Portal.Web.Tests.Features.Calls;

/// <summary>The record browser's URL: the call filter plus sort, direction, page and page size.</summary>
public class CallsViewTests
{
    [Fact]
    public void Href_Default_IsJustThePath()
    {
        Assert.Equal("/calls", CallsView.Href(new CallsView()));
    }

    [Fact]
    public void Parse_Href_RoundTrips()
    {
        var view = new CallsView
        {
            Filter = new CallFilter
            {
                Dashboard = new DashboardFilter { Range = DateRangePreset.Last30Days, Direction = CallDirection.Inbound, Teams = ["support"] },
                Outcomes = [CallOutcome.Missed],
                HasTranscript = true,
                Text = "router fault",
            },
            Sort = CallSort.Talk,
            Descending = true,
            Page = 2,
            PageSize = 250,
        };

        var href = CallsView.Href(view);
        var (parsed, errors) = CallsView.Parse(href["/calls".Length..], DashboardFilterQueryTests.Today);

        Assert.Empty(errors);
        Assert.Equal(view, parsed);
        Assert.Contains("sort=talk&desc=yes&page=3&size=250", href);
    }

    [Theory]
    [InlineData("?sort=time", CallSort.Time, false)]
    [InlineData("?sort=Ring&desc=yes", CallSort.Ring, true)]
    [InlineData("", CallSort.Time, true)]
    public void Parse_Sort_AscendingUnlessDesc(string query, CallSort sort, bool descending)
    {
        var (view, errors) = CallsView.Parse(query, DashboardFilterQueryTests.Today);

        Assert.Empty(errors);
        Assert.Equal((sort, descending), (view.Sort, view.Descending));
    }

    [Theory]
    [InlineData("?sort=password", "cannot be sorted")]
    [InlineData("?sort=3", "cannot be sorted")]
    [InlineData("?page=0", "not a page number")]
    [InlineData("?page=x", "not a page number")]
    [InlineData("?size=1000", "not \"1000\"")]
    [InlineData("?size=7", "not \"7\"")]
    [InlineData("?page=2147483647", "Page 2147483647 is beyond the last page there can be")]
    [InlineData("?page=99999999999999999999999", "Page 99999999999999999999999 is beyond the last page there can be")]
    [InlineData("?page=4294968", "Page 4294968 is beyond the last page there can be")]
    public void Parse_BadValue_FallsBackAndSaysWhy(string query, string error)
    {
        var (view, errors) = CallsView.Parse(query, DashboardFilterQueryTests.Today);

        Assert.Contains(errors, e => e.Contains(error));
        Assert.Equal(new CallsView(), view);
    }

    [Fact]
    public void Parse_LastPageThereCanBe_IsKeptAndItsRowsStartWithinInt()
    {
        var (view, errors) = CallsView.Parse($"?page={CallsView.MaxPage}&size={CallSearch.MaxPageSize}", DashboardFilterQueryTests.Today);

        Assert.Empty(errors);
        Assert.Equal(CallsView.MaxPage - 1, view.Page);
        Assert.InRange((long)view.Page * view.PageSize, 0, int.MaxValue);
    }
}
