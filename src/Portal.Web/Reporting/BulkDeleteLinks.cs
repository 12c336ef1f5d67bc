namespace Portal.Web.Reporting;

/// <summary>
/// Links into the bulk-delete wizard (<c>/retention/delete</c>, administrators only), which reads the record browser's filter
/// parameters: the record browser's "Delete these calls…" opens it with its current filter, without knowing the retention feature.
/// </summary>
public static class BulkDeleteLinks
{
    public const string Path = "/retention/delete";

    /// <summary>The wizard with this record browser filter as its selection.</summary>
    public static string ForFilter(CallFilter filter) => Path + CallFilterQuery.Format(filter);
}
