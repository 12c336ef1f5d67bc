using Npgsql;

namespace Portal.Web.Tests;

/// <summary>A fresh, empty PostgreSQL database per test on the server the test script started.</summary>
public static class PostgresDatabases
{
    public static async Task<string> CreateAsync(string server)
    {
        var name = $"portal_test_{Guid.NewGuid():N}";
        await using var admin = new NpgsqlConnection(server);
        await admin.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
        await create.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ToString();
    }
}
