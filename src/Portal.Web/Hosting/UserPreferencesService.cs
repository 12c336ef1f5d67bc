using Microsoft.EntityFrameworkCore;
using Portal.Web.Data;
using Portal.Web.Data.Entities;

namespace Portal.Web.Hosting;

/// <summary>Settings a user chose (dark mode), remembered across browsers and devices.</summary>
public sealed class UserPreferencesService(IDbContextFactory<PortalDbContext> contexts, TimeProvider clock)
{
    public async Task<bool> GetDarkModeAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.UserPreferences.Where(p => p.UserId == userId).Select(p => p.DarkMode).FirstOrDefaultAsync(cancellationToken);
    }

    public async Task SetDarkModeAsync(string userId, bool darkMode, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var preference = await db.UserPreferences.FindAsync([userId], cancellationToken);
        if (preference is null)
        {
            preference = new UserPreference { UserId = userId };
            db.UserPreferences.Add(preference);
        }
        preference.DarkMode = darkMode;
        preference.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
    }
}
