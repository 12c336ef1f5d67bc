using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Web.Data;
using Portal.Web.Tests;

namespace Portal.E2E;

/// <summary>A portal whose first run connects every sandbox vendor (a week of history), so every page has data.</summary>
public sealed class SeededBrowserFixture() : BrowserFixture(PortalAppFactory.With(new() { ["Portal:SeedSandboxConnections"] = "true" }, services: s => s.AddFixedClock(new FixedStartClock())))
{
    /// <summary>A call with a transcript and one with a recording, once the first sync has stored them.</summary>
    public async Task<(long Transcript, long Recording)> WaitForCallsAsync()
    {
        var contexts = Portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            await using (var db = await contexts.CreateDbContextAsync())
            {
                var transcript = await db.Calls.Where(c => c.HasTranscript).Select(c => (long?)c.Id).FirstOrDefaultAsync();
                var recording = await db.Recordings.Select(r => (long?)r.CallId).FirstOrDefaultAsync();
                if (transcript is { } t && recording is { } r)
                {
                    return (t, r);
                }
            }
            Assert.True(DateTime.UtcNow < deadline, "The sandbox connections stored no call with a transcript and one with a recording within 2 minutes.");
            await Task.Delay(500);
        }
    }
}
