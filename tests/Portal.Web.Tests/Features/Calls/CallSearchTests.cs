using System.Text.RegularExpressions;
using Portal.Telephony.Calls;
using Portal.Web.Auth;
using Portal.Web.Data.Entities;
using Portal.Web.Reporting;
using Portal.Web.Tests.Features.Dashboards;

namespace Portal.Web.Tests.Features.Calls;

/// <summary>Pages of the record browser against the same selection made in the test from the call records.</summary>
public class CallSearchTests(DashboardDataset data) : IClassFixture<DashboardDataset>
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    public static TheoryData<string> Cases => new(FilterCases.Keys);

    private static readonly Dictionary<string, (CallFilter Filter, PortalUser User, CallSort Sort, bool Descending, int Page, int Size)> FilterCases = new()
    {
        ["last 30 days, newest first"] = (new CallFilter { Dashboard = new() { Range = DateRangePreset.Last30Days } },
            DashboardQueryTests.Supervisor, CallSort.Time, true, 0, 50),
        ["missed calls of team support, by extension, second page"] = (new CallFilter
            { Dashboard = new() { Range = DateRangePreset.Last90Days, Teams = ["support"] }, Outcomes = [CallOutcome.Missed] },
            DashboardQueryTests.Supervisor, CallSort.Extension, false, 1, 25),
        ["part of a number, by number"] = (new CallFilter { Dashboard = new() { Range = DateRangePreset.Last90Days }, Search = "1234007" },
            DashboardQueryTests.Supervisor, CallSort.Number, false, 0, 100),
        ["a full E.164 number"] = (new CallFilter { Dashboard = new() { Range = DateRangePreset.Last90Days }, Search = "+49301234012" },
            DashboardQueryTests.Admin, CallSort.Time, true, 0, 100),
        ["the number as the vendor sent it"] = (new CallFilter { Dashboard = new() { Range = DateRangePreset.Last90Days }, Search = "030 1234012" },
            DashboardQueryTests.Admin, CallSort.Time, true, 0, 100),
        ["part of a name, any case"] = (new CallFilter { Dashboard = new() { Range = DateRangePreset.Last90Days }, Search = "customer 1" },
            DashboardQueryTests.Supervisor, CallSort.Name, true, 0, 500),
        ["team lead: talk 60–300 s with a transcript, longest first"] = (new CallFilter
            { Dashboard = new() { Range = DateRangePreset.Last12Months }, MinTalkSeconds = 60, MaxTalkSeconds = 300, HasTranscript = true },
            DashboardQueryTests.SupportLead, CallSort.Talk, true, 0, 50),
        ["with a recording, inbound, by ring time"] = (new CallFilter
            { Dashboard = new() { Range = DateRangePreset.Last90Days, Direction = CallDirection.Inbound }, HasRecording = true },
            DashboardQueryTests.Supervisor, CallSort.Ring, false, 0, 100),
        ["a word from the transcripts"] = (new CallFilter { Dashboard = new() { Range = DateRangePreset.Last90Days }, Text = "refund" },
            DashboardQueryTests.Supervisor, CallSort.Time, false, 0, 500),
        ["two words never said together"] = (new CallFilter { Dashboard = new() { Range = DateRangePreset.Last90Days }, Text = "Refund, delivery!" },
            DashboardQueryTests.Supervisor, CallSort.Time, false, 0, 50),
        ["team lead asking for another team's extension"] = (new CallFilter { Dashboard = new() { Range = DateRangePreset.Last90Days, Extensions = ["100"] } },
            DashboardQueryTests.SupportLead, CallSort.Time, true, 0, 50),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Search_EqualsTheSameSelectionMadeFromTheCallRecords(string name)
    {
        var (filter, user, sort, descending, page, size) = FilterCases[name];
        var expected = Select(filter, user);

        var actual = await data.Database.Search.SearchAsync(user, filter, Berlin, sort, descending, page, size);

        Assert.Equal(expected.Count, actual.Total);
        var ordered = Order(expected, sort, descending).Skip(page * size).Take(size).Select(c => c.Id);
        Assert.Equal(ordered, actual.Rows.Select(r => r.Id));
        if (name.StartsWith("two words", StringComparison.Ordinal) || name.StartsWith("team lead asking", StringComparison.Ordinal))
        {
            Assert.Empty(expected);
        }
        else
        {
            Assert.NotEmpty(actual.Rows);
        }
    }

    [Fact]
    public async Task Search_WordFromATranscript_FindsThatCall()
    {
        var call = data.Calls.First(c => c.Transcript is not null && c.StartedAtUtc > DashboardDatabase.Now.UtcDateTime.AddDays(-80));
        var number = Regex.Match(call.Transcript!.Segments.Last().Text, @"\d+").Value;
        var filter = new CallFilter { Dashboard = new() { Range = DateRangePreset.Last90Days }, Text = $"NUMBER {number}" };

        var actual = await data.Database.Search.SearchAsync(DashboardQueryTests.Admin, filter, Berlin, CallSort.Time, true, 0, 10);

        Assert.Equal([call.Id], actual.Rows.Select(r => r.Id));
    }

    [Fact]
    public async Task Stream_EveryMatchingCallOldestFirst()
    {
        var filter = new CallFilter { Dashboard = new() { Range = DateRangePreset.Last90Days, Teams = ["sales"] }, Outcomes = [CallOutcome.Answered] };

        var streamed = await data.Database.Search.StreamAsync(DashboardQueryTests.Supervisor, filter, Berlin).Select(r => r.Id).ToListAsync();

        Assert.Equal(Order(Select(filter, DashboardQueryTests.Supervisor), CallSort.Time, false).Select(c => c.Id), streamed);
        Assert.Equal(streamed.Count, await data.Database.Search.CountAsync(DashboardQueryTests.Supervisor, filter, Berlin));
    }

    [Theory]
    [InlineData(int.MaxValue, 500)]
    [InlineData(int.MaxValue / 500 + 1, 500)]
    [InlineData(int.MaxValue, 1)]
    public async Task Search_PageTimesSizeBeyondInt_IsAnEmptyPageWithTheTotal(int page, int size)
    {
        var filter = new CallFilter { Dashboard = new() { Range = DateRangePreset.Last90Days } };

        var actual = await data.Database.Search.SearchAsync(DashboardQueryTests.Supervisor, filter, Berlin, CallSort.Time, true, page, size);

        Assert.Empty(actual.Rows);
        Assert.Equal(Select(filter, DashboardQueryTests.Supervisor).Count, actual.Total);
    }

    [Theory]
    [InlineData("%")]
    [InlineData("_")]
    [InlineData("\\")]
    public async Task Search_LikeWildcardInAName_IsTakenLiterally(string wildcard)
    {
        var filter = new CallFilter { Dashboard = new() { Range = DateRangePreset.Last90Days }, Search = "customer" + wildcard };

        var actual = await data.Database.Search.SearchAsync(DashboardQueryTests.Supervisor, filter, Berlin, CallSort.Time, true, 0, 10);

        Assert.Empty(actual.Rows); // names are "Customer 12": none holds the wildcard itself
    }

    [Fact]
    public async Task Search_UserWithoutRole_IsRefused() =>
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() =>
            data.Database.Search.SearchAsync(new PortalUser("n", "Nobody", [], []), new CallFilter(), Berlin, CallSort.Time, true, 0, 10));

    /// <summary>The selection, written out here: the dashboard's range and scope, then each extra condition.</summary>
    private List<Call> Select(CallFilter filter, PortalUser user) => Select(data.Calls, data.Teams, filter, user);

    internal static List<Call> Select(List<Call> all, Dictionary<string, string[]> teams, CallFilter filter, PortalUser user)
    {
        var calls = new ExpectedDashboard(all, filter.Dashboard, Berlin, DashboardDatabase.Now, teams, user.IsTeamLimited ? user.Teams : null).Calls;
        return calls.Where(c =>
            (filter.Outcomes.Count == 0 || filter.Outcomes.Contains(c.Outcome))
            && (filter.Search is null || MatchesSearch(c, filter.Search))
            && (filter.MinTalkSeconds is null || c.DurationSeconds >= filter.MinTalkSeconds)
            && (filter.MaxTalkSeconds is null || c.DurationSeconds <= filter.MaxTalkSeconds)
            && (!filter.HasTranscript || c.HasTranscript)
            && (!filter.HasRecording || c.HasRecording)
            && (filter.Text is null || SaidAll(c, filter.Text))).ToList();
    }

    private static bool MatchesSearch(Call call, string search)
    {
        if (search.StartsWith('+'))
        {
            return call.ExternalNumber == search;
        }
        var digits = string.Concat(search.Where(char.IsAsciiDigit)).TrimStart('0');
        return (digits.Length >= 3 && ((call.ExternalNumber ?? "").Contains(digits, StringComparison.Ordinal)
                || (call.ExternalNumberOriginal ?? "").Contains(digits, StringComparison.Ordinal)))
            || (call.ExternalName ?? "").Contains(search, StringComparison.OrdinalIgnoreCase);
    }

    private static bool SaidAll(Call call, string text)
    {
        if (call.Transcript is null)
        {
            return false;
        }
        var said = Regex.Matches(call.Transcript.Summary + " " + string.Join(' ', call.Transcript.Segments.Select(s => s.Text)), @"\w+")
            .Select(m => m.Value.ToLowerInvariant()).ToHashSet();
        return Regex.Matches(text, @"\w+").All(m => said.Contains(m.Value.ToLowerInvariant()));
    }

    internal static IEnumerable<Call> Order(List<Call> calls, CallSort sort, bool descending)
    {
        IOrderedEnumerable<Call> By<T>(Func<Call, T> key) =>
            (descending ? calls.OrderByDescending(key) : calls.OrderBy(key)).ThenByDescending(c => c.StartedAtUtc);
        return sort switch
        {
            CallSort.Extension => By(c => c.Extension),
            CallSort.Number => By(c => c.ExternalNumber),
            CallSort.Name => By(c => c.ExternalName),
            CallSort.Talk => By(c => c.DurationSeconds),
            CallSort.Ring => By(c => c.RingSeconds),
            _ => descending ? calls.OrderByDescending(c => c.StartedAtUtc).ThenByDescending(c => c.Id) : calls.OrderBy(c => c.StartedAtUtc).ThenBy(c => c.Id),
        };
    }
}

/// <summary>The same search on PostgreSQL: full text through tsvector, names without regard to case.</summary>
public class CallSearchPostgresTests
{
    [Theory]
    [InlineData("refund", null)]
    [InlineData(null, "CUSTOMER 1")]
    [InlineData(null, "1234007")]
    public async Task Search_OnPostgres_EqualsTheSameSelectionMadeFromTheCallRecords(string? text, string? search)
    {
        await using var database = await DashboardDatabase.StartAsync("Postgres");
        var ids = await database.AddCompanyAsync();
        await database.AddCallsAsync(ids, count: 1500);
        var filter = new CallFilter { Dashboard = new() { Range = DateRangePreset.Last90Days }, Text = text, Search = search };
        var expected = CallSearchTests.Select(await database.CallsAsync(), await database.TeamsAsync(), filter, DashboardQueryTests.Supervisor);

        var actual = await database.Search.SearchAsync(DashboardQueryTests.Supervisor, filter, TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"),
            CallSort.Time, true, 0, 500);

        Assert.NotEmpty(expected);
        Assert.Equal(expected.Count, actual.Total);
        Assert.Equal(CallSearchTests.Order(expected, CallSort.Time, true).Select(c => c.Id), actual.Rows.Select(r => r.Id));
    }
}
