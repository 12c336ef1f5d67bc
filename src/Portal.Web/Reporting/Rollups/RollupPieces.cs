using Portal.Web.Data.Entities;

namespace Portal.Web.Reporting.Rollups;

/// <summary>A range of whole UTC hours cut into the fewest rollup rows: hours up to a day boundary, days up to a month boundary, months, then back down.</summary>
internal static class RollupPieces
{
    public static IEnumerable<(RollupGrain Grain, DateTime FromUtc, DateTime ToUtc)> Of(DateTime fromUtc, DateTime toUtc)
    {
        var firstDay = fromUtc.TimeOfDay == TimeSpan.Zero ? fromUtc : fromUtc.Date.AddDays(1);
        var endDay = toUtc.Date;
        if (firstDay >= endDay)
        {
            return Piece(RollupGrain.Hour, fromUtc, toUtc);
        }
        var firstMonth = firstDay.Day == 1 ? firstDay : new DateTime(firstDay.Year, firstDay.Month, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(1);
        var endMonth = new DateTime(endDay.Year, endDay.Month, 1, 0, 0, 0, DateTimeKind.Utc);
        var middle = firstMonth < endMonth
            ? Piece(RollupGrain.Day, firstDay, firstMonth).Concat(Piece(RollupGrain.Month, firstMonth, endMonth)).Concat(Piece(RollupGrain.Day, endMonth, endDay))
            : Piece(RollupGrain.Day, firstDay, endDay);
        return Piece(RollupGrain.Hour, fromUtc, firstDay).Concat(middle).Concat(Piece(RollupGrain.Hour, endDay, toUtc));
    }

    private static IEnumerable<(RollupGrain, DateTime, DateTime)> Piece(RollupGrain grain, DateTime from, DateTime to) =>
        from < to ? [(grain, from, to)] : [];
}
