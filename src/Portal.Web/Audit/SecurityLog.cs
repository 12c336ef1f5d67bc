using Portal.Web.Auth;

namespace Portal.Web.Audit;

/// <summary>
/// The security log: one structured event per refused action (who, what, on which target, why), in the log category
/// <see cref="Category"/> with the event id <see cref="RefusedEventId"/>, so that refusals can be watched and alerted on.
/// Written where a refusal is decided; never holds a secret or the refused data.
/// </summary>
public sealed partial class SecurityLog(ILoggerFactory loggers)
{
    public const string Category = "Portal.Security";
    public const int RefusedEventId = 4030;

    private readonly ILogger _logger = loggers.CreateLogger(Category);

    public void Refused(PortalUser user, string action, string? target, string reason) =>
        LogRefused(_logger, user.Id, user.Name, action, target ?? "", reason);

    [LoggerMessage(EventId = RefusedEventId, EventName = "Refused", Level = LogLevel.Warning,
        Message = "Refused {Action} on {Target} for user {UserId} ({UserName}): {Reason}")]
    private static partial void LogRefused(ILogger logger, string userId, string userName, string action, string target, string reason);
}
