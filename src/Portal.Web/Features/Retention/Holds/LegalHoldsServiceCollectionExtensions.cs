namespace Portal.Web.Features.Retention.Holds;

public static class LegalHoldsServiceCollectionExtensions
{
    /// <summary>Legal holds: the service that lists, places and releases them (deletion jobs read the holds themselves, <see cref="ActiveHolds"/>).</summary>
    public static IHostApplicationBuilder AddLegalHolds(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<LegalHolds>();
        return builder;
    }
}
