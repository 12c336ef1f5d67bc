using Portal.Sandbox.Company;
using Portal.Sandbox.Traffic;
using Portal.Telephony.Calls;

namespace Portal.Sandbox.Tests.Traffic;

public class TrafficGeneratorTests
{
    private static readonly TrafficProfile Profile = new(VendorKind.NfonCallHistory, InternalCalls: true, Diversions: true, Transcripts: true);
    private static readonly DateTime From = new(2026, 9, 7, 0, 0, 0, DateTimeKind.Utc); // a Monday
    private static readonly DateTime To = From.AddDays(28);

    [Fact]
    public void CallsEndedBetween_SameSeed_SameCalls()
    {
        var first = new TrafficGenerator(Profile, seed: 7, callsPerDay: 100).CallsEndedBetween(From, To).ToList();
        var second = new TrafficGenerator(Profile, seed: 7, callsPerDay: 100).CallsEndedBetween(From, To).ToList();

        Assert.Equal(first, second, EqualityComparer<GeneratedCall>.Create((a, b) => a!.Id == b!.Id && a.StartedAtUtc == b.StartedAtUtc
            && a.Cause == b.Cause && a.External == b.External && a.TalkSeconds == b.TalkSeconds));
    }

    [Fact]
    public void CallsEndedBetween_OtherSeed_OtherCalls()
    {
        var first = new TrafficGenerator(Profile, seed: 7, callsPerDay: 100).CallsEndedBetween(From, To).Select(c => c.Id);
        var second = new TrafficGenerator(Profile, seed: 8, callsPerDay: 100).CallsEndedBetween(From, To).Select(c => c.Id);

        Assert.Empty(first.Intersect(second));
    }

    [Fact]
    public void CallsEndedBetween_FourWeeks_LooksLikeABusinessLine()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(Profile.TimeZone);
        var calls = new TrafficGenerator(Profile, seed: 7, callsPerDay: 100).CallsEndedBetween(From, To).ToList();
        var local = calls.Select(c => TimeZoneInfo.ConvertTimeFromUtc(c.StartedAtUtc, zone)).ToList();

        Assert.InRange(calls.Count, 4 * 480, 4 * 580); // ~5.45 weekday-equivalents a week
        Assert.True(local.Count(t => t.Hour is >= 8 and < 18) > 0.8 * calls.Count, "most calls in business hours");
        Assert.True(local.Count(t => t.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) < 0.1 * calls.Count, "few calls at weekends");
        Assert.InRange(calls.Count(c => c.Cause == EndCause.Completed) / (double)calls.Count, 0.65, 0.8);
        Assert.Contains(calls, c => c.Direction == CallDirection.Internal);
        Assert.Contains(calls, c => c.Diversions.Count > 0);
        Assert.Contains(calls, c => c.Transcript is not null);
        Assert.True(calls.GroupBy(c => c.External.E164).Any(g => g.Count() >= 5), "some callers call again and again");
        Assert.All(calls, c => Assert.Contains(c.Extension, SandboxCompany.Extensions));
        Assert.All(calls, c => Assert.True(c.EndedAtUtc >= From && c.EndedAtUtc < To));
    }
}
