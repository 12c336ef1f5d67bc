using Microsoft.JSInterop;

namespace Portal.Web.Hosting;

/// <summary>
/// The viewer's time zone, read once per circuit from the browser. Until the circuit is interactive
/// (prerendering) it is UTC, and pages say which zone they used.
/// </summary>
public sealed class ViewerClock(IJSRuntime js, ILogger<ViewerClock> logger)
{
    private TimeZoneInfo? _zone;

    public async Task<TimeZoneInfo> GetZoneAsync()
    {
        if (_zone is not null)
        {
            return _zone;
        }

        try
        {
            var id = await js.InvokeAsync<string>("portal.timeZone");
            if (!TimeZoneInfo.TryFindSystemTimeZoneById(id, out _zone))
            {
                logger.LogInformation("The browser's time zone {TimeZone} is unknown here; showing UTC", id);
                _zone = TimeZoneInfo.Utc;
            }
            return _zone;
        }
        catch (InvalidOperationException)
        {
            return TimeZoneInfo.Utc; // prerendering: no browser yet
        }
    }

    public static DateTime ToZone(DateTime utc, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone);
}
