using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Portal.Web.Data;
using Portal.Web.Data.Entities;

namespace Portal.Web.Auth;

public static class SessionEndReasons
{
    public const string SignedOut = "signed out";
    public const string RefreshRefused = "token refresh refused by the provider";
    public const string Expired = "access token expired without a refresh token";
}

public enum SessionStatus
{
    /// <summary>Not ended, and its access token is not (about to be) expired.</summary>
    Active,
    /// <summary>Its access token was due, and the provider gave new tokens.</summary>
    Refreshed,
    /// <summary>Signed out, refused by the provider, or unknown.</summary>
    Ended,
}

public sealed record SessionCheck(SessionStatus Status, RefreshedTokens? Tokens = null);

/// <summary>
/// The server's side of every sign-in (table UserSessions): started at sign-in, ended at sign-out or when the
/// provider refuses a refresh; checked on every request and by every open circuit, so that an ended session
/// ends everywhere. The provider's refresh token lives here (encrypted), never in the cookie.
/// </summary>
public sealed class UserSessions(IDbContextFactory<PortalDbContext> contexts, IDataProtectionProvider protection,
    OidcTokenRefresher refresher, TimeProvider clock, ILogger<UserSessions> logger)
{
    /// <summary>The claim in the session cookie that names its UserSessions row.</summary>
    public const string ClaimType = "portal_session";

    /// <summary>The Data Protection purpose of the stored refresh tokens.</summary>
    public const string RefreshTokenPurpose = "Portal.Auth.UserSessions.RefreshToken.v1";

    private readonly IDataProtector _protector = protection.CreateProtector(RefreshTokenPurpose);

    public static string? IdOf(ClaimsPrincipal principal) => principal.FindFirst(ClaimType)?.Value;

    /// <summary>Records a new sign-in and returns its id (random, unguessable).</summary>
    public async Task<string> StartAsync(string userId, string? refreshToken, DateTime? accessTokenExpiresAtUtc, CancellationToken cancellationToken)
    {
        var session = new UserSession
        {
            Id = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)),
            UserId = userId,
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
            ProtectedRefreshToken = refreshToken is null ? null : _protector.Protect(refreshToken),
            AccessTokenExpiresAtUtc = accessTokenExpiresAtUtc,
        };
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.UserSessions.Add(session);
        await db.SaveChangesAsync(cancellationToken);
        return session.Id;
    }

    public async Task EndAsync(string sessionId, string reason, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var ended = await db.UserSessions.Where(s => s.Id == sessionId && s.EndedAtUtc == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAtUtc, clock.GetUtcNow().UtcDateTime).SetProperty(x => x.EndReason, reason), cancellationToken);
        if (ended > 0)
        {
            logger.LogInformation("Session {SessionId} ended: {Reason}", sessionId, reason);
        }
    }

    /// <summary>
    /// Whether the session still lets its user in. Once its access token is due (<paramref name="refreshAhead"/>
    /// before it expires) the provider is asked for new tokens; a refusal ends the session.
    /// </summary>
    public async Task<SessionCheck> CheckAsync(string sessionId, TimeSpan refreshAhead, CancellationToken cancellationToken)
    {
        var session = await FindAsync(sessionId, cancellationToken);
        if (session is null || session.EndedAtUtc is not null)
        {
            return new(SessionStatus.Ended);
        }
        if (session.AccessTokenExpiresAtUtc is not { } expiresAt || clock.GetUtcNow().UtcDateTime + refreshAhead < expiresAt)
        {
            return new(SessionStatus.Active);
        }
        if (session.ProtectedRefreshToken is null)
        {
            await EndAsync(sessionId, SessionEndReasons.Expired, cancellationToken);
            return new(SessionStatus.Ended);
        }

        var tokens = await refresher.RefreshAsync(_protector.Unprotect(session.ProtectedRefreshToken), cancellationToken);
        if (tokens is null)
        {
            // A request or circuit that refreshed at the same moment may have used up this refresh token: then the
            // session carries on with the newer one.
            var current = await FindAsync(sessionId, cancellationToken);
            if (current is { EndedAtUtc: null } && current.ProtectedRefreshToken != session.ProtectedRefreshToken)
            {
                return new(SessionStatus.Active);
            }
            await EndAsync(sessionId, SessionEndReasons.RefreshRefused, cancellationToken);
            return new(SessionStatus.Ended);
        }

        var refreshToken = tokens.RefreshToken is null ? session.ProtectedRefreshToken : _protector.Protect(tokens.RefreshToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var updated = await db.UserSessions.Where(s => s.Id == sessionId && s.EndedAtUtc == null).ExecuteUpdateAsync(s => s
            .SetProperty(x => x.ProtectedRefreshToken, refreshToken)
            .SetProperty(x => x.AccessTokenExpiresAtUtc, tokens.ExpiresAtUtc), cancellationToken);
        return updated > 0 ? new(SessionStatus.Refreshed, tokens) : new(SessionStatus.Ended); // signed out meanwhile
    }

    private async Task<UserSession?> FindAsync(string sessionId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.UserSessions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == sessionId, cancellationToken);
    }
}
