using Microsoft.EntityFrameworkCore;
using Portal.Telephony.Calls;
using Portal.Web.Auth;
using Portal.Web.Data;

namespace Portal.Web.Reporting;

/// <summary>What the filter pickers offer a user: every connection, and the teams and extensions they may see.</summary>
public sealed record FilterChoices(IReadOnlyList<ConnectionChoice> Connections, IReadOnlyList<TeamChoice> Teams, IReadOnlyList<ExtensionChoice> Extensions)
{
    public IReadOnlyList<VendorKind> Vendors => Connections.Select(c => c.Vendor).Distinct().Order().ToList();

    /// <summary>Read on the caller's context (<see cref="DashboardQuery"/> and <see cref="CallSearch"/> load them for their pages).</summary>
    public static async Task<FilterChoices> LoadAsync(PortalDbContext db, PortalUser user, CancellationToken cancellationToken = default)
    {
        if (!user.IsViewer)
        {
            throw new UnauthorizedAccessException("Only supervisors and administrators may read calls.");
        }
        var connections = await db.Connections.AsNoTracking().OrderBy(c => c.Name)
            .Select(c => new ConnectionChoice(c.Id, c.Name, c.Vendor)).ToListAsync(cancellationToken);
        var teams = db.Teams.AsNoTracking();
        if (user.IsTeamLimited)
        {
            teams = teams.Where(t => user.Teams.Contains(t.Key));
        }
        var teamList = await teams.OrderBy(t => t.Name).Select(t => new TeamChoice(t.Key, t.Name)).ToListAsync(cancellationToken);
        var extensions = db.Extensions.AsNoTracking();
        if (user.IsTeamLimited)
        {
            extensions = extensions.Where(e => e.Teams.Any(t => user.Teams.Contains(t.Key)));
        }
        var extensionList = await extensions.OrderBy(e => e.Number).Select(e => new ExtensionChoice(e.Number, e.Name)).ToListAsync(cancellationToken);
        return new FilterChoices(connections, teamList, extensionList);
    }
}

public sealed record ConnectionChoice(int Id, string Name, VendorKind Vendor);

public sealed record TeamChoice(string Key, string Name);

public sealed record ExtensionChoice(string Number, string? Name)
{
    public string Label => string.IsNullOrWhiteSpace(Name) ? Number : $"{Number} · {Name}";
}
