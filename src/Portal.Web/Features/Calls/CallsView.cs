using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;
using Portal.Web.Reporting;

namespace Portal.Web.Features.Calls;

/// <summary>
/// What the record browser shows, as its URL: the <see cref="CallFilter"/> (<see cref="CallFilterQuery"/>) plus <c>sort</c> (a
/// <see cref="CallSort"/> name; absent = newest first), <c>desc=yes</c>, <c>page</c> (from 1) and <c>size</c> (calls per page).
/// </summary>
public sealed record CallsView
{
    public const int DefaultPageSize = 50;
    public static readonly int[] PageSizes = [25, 50, 100, 250, CallSearch.MaxPageSize];
    /// <summary>The highest page number (from 1) a URL may name: its first row is still within int's range at the largest page size.</summary>
    public const int MaxPage = int.MaxValue / CallSearch.MaxPageSize;

    public CallFilter Filter { get; init; } = new();
    public CallSort Sort { get; init; } = CallSort.Time;
    public bool Descending { get; init; } = true;
    /// <summary>From 0.</summary>
    public int Page { get; init; }
    public int PageSize { get; init; } = DefaultPageSize;

    /// <param name="today">Today in UTC, for <see cref="DateRangeLimits"/>.</param>
    public static (CallsView View, IReadOnlyList<string> Errors) Parse(string? query, DateOnly today)
    {
        var (filter, filterErrors) = CallFilterQuery.Parse(query, today);
        var errors = filterErrors.ToList();
        var values = QueryHelpers.ParseQuery(query);
        string? Single(string key) => values.TryGetValue(key, out var v) && !string.IsNullOrWhiteSpace(v[^1]) ? v[^1]!.Trim() : null;

        var view = new CallsView { Filter = filter };
        if (Single("sort") is { } sort)
        {
            if (Enum.TryParse<CallSort>(sort, true, out var column) && Enum.IsDefined(column) && !int.TryParse(sort, out _))
            {
                view = view with { Sort = column, Descending = Single("desc") is "yes" or "true" or "1" };
            }
            else
            {
                errors.Add($"Calls cannot be sorted by \"{sort}\"; showing the newest first.");
            }
        }
        if (Single("page") is { } pageText)
        {
            if (int.TryParse(pageText, NumberStyles.None, CultureInfo.InvariantCulture, out var page) && page is >= 1 and <= MaxPage)
            {
                view = view with { Page = page - 1 };
            }
            else if (pageText.All(char.IsAsciiDigit) && pageText.TrimStart('0').Length > 0)
            {
                errors.Add($"Page {pageText} is beyond the last page there can be ({MaxPage:N0}); showing the first page.");
            }
            else
            {
                errors.Add($"\"{pageText}\" is not a page number; showing the first page.");
            }
        }
        if (Single("size") is { } sizeText)
        {
            if (int.TryParse(sizeText, NumberStyles.None, CultureInfo.InvariantCulture, out var size) && PageSizes.Contains(size))
            {
                view = view with { PageSize = size };
            }
            else
            {
                errors.Add($"Pages hold {string.Join(", ", PageSizes.SkipLast(1))} or {PageSizes[^1]} calls, not \"{sizeText}\"; showing {DefaultPageSize}.");
            }
        }
        return (view, errors);
    }

    /// <summary>"/calls?…": defaults left out.</summary>
    public static string Href(CallsView view)
    {
        var query = CallFilterQuery.Format(view.Filter);
        var extra = new List<KeyValuePair<string, string?>>();
        if (view.Sort != CallSort.Time || !view.Descending)
        {
            extra.Add(new("sort", view.Sort.ToString().ToLowerInvariant()));
            if (view.Descending)
            {
                extra.Add(new("desc", "yes"));
            }
        }
        if (view.Page > 0)
        {
            extra.Add(new("page", (view.Page + 1).ToString(CultureInfo.InvariantCulture)));
        }
        if (view.PageSize != DefaultPageSize)
        {
            extra.Add(new("size", view.PageSize.ToString(CultureInfo.InvariantCulture)));
        }
        var rest = QueryString.Create(extra).ToUriComponent();
        var combined = query.Length == 0 ? rest : rest.Length == 0 ? query : query + "&" + rest[1..];
        return "/calls" + combined;
    }

    public bool Equals(CallsView? other) =>
        other is not null && Filter.Equals(other.Filter) && Sort == other.Sort && Descending == other.Descending && Page == other.Page
        && PageSize == other.PageSize;

    public override int GetHashCode() => HashCode.Combine(Filter, Sort, Descending, Page, PageSize);
}
