using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;
using Portal.Web.Reporting;

namespace Portal.Web.Features.Retention;

/// <summary>The three ways the bulk-delete wizard selects calls.</summary>
public enum DeletionSelectionKind
{
    /// <summary>The record browser's filter, with all its fields.</summary>
    Filter,
    /// <summary>An erasure request: phone numbers in any format, optionally within days.</summary>
    Erasure,
    /// <summary>All calls of one connection that started before a day.</summary>
    ConnectionBeforeDate,
}

/// <summary>
/// What the bulk-delete wizard deletes, before it is resolved against the database. Days are in the viewer's zone: an erasure
/// covers <see cref="From"/> 00:00 to the end of <see cref="To"/>; "before" means before <see cref="Before"/> 00:00.
/// </summary>
public sealed record DeletionSelection
{
    public DeletionSelectionKind Kind { get; init; }
    public CallFilter Filter { get; init; } = new();
    /// <summary>The erasure request's numbers as typed (one or more per line, or separated by commas or semicolons).</summary>
    public string Numbers { get; init; } = "";
    public DateOnly? From { get; init; }
    public DateOnly? To { get; init; }
    public int? ConnectionId { get; init; }
    public DateOnly? Before { get; init; }

    public static DeletionSelection ForFilter(CallFilter filter) => new() { Kind = DeletionSelectionKind.Filter, Filter = filter };

    public static DeletionSelection ForNumbers(string numbers, DateOnly? from = null, DateOnly? to = null) =>
        new() { Kind = DeletionSelectionKind.Erasure, Numbers = numbers, From = from, To = to };

    public static DeletionSelection ForConnection(int connectionId, DateOnly before) =>
        new() { Kind = DeletionSelectionKind.ConnectionBeforeDate, ConnectionId = connectionId, Before = before };
}

/// <summary>
/// A <see cref="DeletionSelection"/> in the URL (the wizard's address and the "download the list" link): <c>what=filter</c> with
/// the record browser's parameters (<see cref="CallFilterQuery"/>; the default when <c>what</c> is missing, so the record browser's
/// query opens the wizard as it is), <c>what=erasure&amp;numbers=…&amp;erasefrom=…&amp;eraseto=…</c>, or
/// <c>what=connection&amp;connectionid=…&amp;before=…</c> (days as yyyy-MM-dd).
/// </summary>
public static class DeletionSelectionQuery
{
    public static (DeletionSelection Selection, IReadOnlyList<string> Errors) Parse(string? query, DateOnly today)
    {
        var values = QueryHelpers.ParseQuery(query);
        string? Single(string key) => values.TryGetValue(key, out var v) && !string.IsNullOrWhiteSpace(v[^1]) ? v[^1]!.Trim() : null;
        var errors = new List<string>();
        DateOnly? Day(string key)
        {
            if (Single(key) is not { } text)
            {
                return null;
            }
            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                return day;
            }
            errors.Add($"\"{text}\" is no day (yyyy-MM-dd); the {key} day was ignored.");
            return null;
        }

        switch (Single("what"))
        {
            case "erasure":
                return (DeletionSelection.ForNumbers(values.TryGetValue("numbers", out var n) ? string.Join("\n", n.OfType<string>()) : "",
                    Day("erasefrom"), Day("eraseto")), errors);
            case "connection":
                var id = int.TryParse(Single("connectionid"), NumberStyles.None, CultureInfo.InvariantCulture, out var c) && c > 0 ? c : (int?)null;
                return (new DeletionSelection { Kind = DeletionSelectionKind.ConnectionBeforeDate, ConnectionId = id, Before = Day("before") }, errors);
            case null or "filter":
                var (filter, filterErrors) = CallFilterQuery.Parse(query, today);
                return (DeletionSelection.ForFilter(filter), filterErrors);
            case { } other:
                return (DeletionSelection.ForFilter(new CallFilter()), [$"Unknown selection \"{other}\"; the record browser's default filter is shown."]);
        }
    }

    /// <summary>The query string ("?…").</summary>
    public static string Format(DeletionSelection selection)
    {
        if (selection.Kind == DeletionSelectionKind.Filter)
        {
            var filter = CallFilterQuery.Format(selection.Filter);
            return "?what=filter" + (filter.Length > 1 ? "&" + filter.TrimStart('?') : "");
        }
        var pairs = new List<KeyValuePair<string, string?>>();
        void Add(string key, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                pairs.Add(new(key, value));
            }
        }
        if (selection.Kind == DeletionSelectionKind.Erasure)
        {
            Add("what", "erasure");
            Add("numbers", selection.Numbers);
            Add("erasefrom", Iso(selection.From));
            Add("eraseto", Iso(selection.To));
        }
        else
        {
            Add("what", "connection");
            Add("connectionid", selection.ConnectionId?.ToString(CultureInfo.InvariantCulture));
            Add("before", Iso(selection.Before));
        }
        return QueryString.Create(pairs).ToUriComponent();
    }

    private static string? Iso(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
