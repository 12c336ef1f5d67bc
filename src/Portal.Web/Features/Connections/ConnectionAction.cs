namespace Portal.Web.Features.Connections;

/// <summary>What an administrator can do with one connection on the Connections page.</summary>
public enum ConnectionAction
{
    Edit,
    Test,
    SyncNow,
    ResyncFrom,
    Pause,
    Resume,
    Remove,
}
