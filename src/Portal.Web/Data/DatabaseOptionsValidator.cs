using Microsoft.Extensions.Options;
using Portal.Web.Hosting;

namespace Portal.Web.Data;

/// <summary>A known provider, and for PostgreSQL a connection string (SQLite has a default file).</summary>
public sealed class DatabaseOptionsValidator(IConfiguration configuration) : IValidateOptions<DatabaseOptions>
{
    public ValidateOptionsResult Validate(string? name, DatabaseOptions options) => SettingRules.Result(
        Enum.IsDefined(options.Provider) ? null
            : $"Database:Provider is '{options.Provider}', not {ValidatedOptions.Describe(typeof(DatabaseProvider))}.",
        options.Provider == DatabaseProvider.Postgres && string.IsNullOrWhiteSpace(configuration.GetConnectionString(DatabaseOptions.ConnectionStringName))
            ? "Database:Provider is Postgres but ConnectionStrings:Portal is empty: set it, e.g. 'Host=db;Database=portal;Username=portal;Password=...'."
            : null);
}
