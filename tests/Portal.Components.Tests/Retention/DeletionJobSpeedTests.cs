using Portal.Web.Features.Retention.Pages;

namespace Portal.Components.Tests.Retention;

public class DeletionJobSpeedTests
{
    private static readonly DateTime Start = new(2026, 6, 12, 15, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void CallsPerSecond_CountRisesOverTheWindow_IsTheRiseOverTheTime()
    {
        var speed = new DeletionJobSpeed();
        speed.Observe(Start, 1_000);
        Assert.Null(speed.CallsPerSecond); // one sample says nothing about pace

        speed.Observe(Start.AddSeconds(2), 3_000);
        speed.Observe(Start.AddSeconds(4), 5_000);

        Assert.Equal(1_000, speed.CallsPerSecond);
        Assert.Equal(TimeSpan.FromSeconds(5), speed.TimeLeft(selected: 10_000, processed: 5_000));
    }

    [Fact]
    public void CallsPerSecond_OldSamples_LeaveTheWindow()
    {
        var speed = new DeletionJobSpeed();
        speed.Observe(Start, 0);
        speed.Observe(Start.AddSeconds(1), 10_000); // a fast start
        for (var s = 2; s <= 20; s++)
        {
            speed.Observe(Start.AddSeconds(s), 10_000 + (s - 1) * 100L); // then 100 calls/s
        }

        Assert.Equal(100, speed.CallsPerSecond!.Value, precision: 6);
    }

    [Fact]
    public void Observe_CountFalls_StartsOver()
    {
        var speed = new DeletionJobSpeed();
        speed.Observe(Start, 1_000);
        speed.Observe(Start.AddSeconds(1), 2_000);

        speed.Observe(Start.AddSeconds(2), 10);

        Assert.Null(speed.CallsPerSecond);
        Assert.Null(speed.TimeLeft(100, 10));
    }

    [Fact]
    public void CallsPerSecond_NoProgress_IsUnknown()
    {
        var speed = new DeletionJobSpeed();
        speed.Observe(Start, 500);
        speed.Observe(Start.AddSeconds(3), 500);

        Assert.Null(speed.CallsPerSecond);
    }
}
