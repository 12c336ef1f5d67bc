using System.Data.Common;

namespace Portal.Web.Data.CallStore;

/// <summary>Prepared commands with named parameters, reused for every row of a transaction.</summary>
internal sealed class SqlCommand : IAsyncDisposable
{
    private readonly DbCommand _command;
    private readonly Dictionary<string, DbParameter> _parameters = [];

    public SqlCommand(DbConnection connection, DbTransaction? transaction, string sql)
    {
        _command = connection.CreateCommand();
        _command.Transaction = transaction;
        _command.CommandText = sql;
    }

    public SqlCommand Set(string name, object? value)
    {
        if (!_parameters.TryGetValue(name, out var parameter))
        {
            parameter = _command.CreateParameter();
            parameter.ParameterName = "@" + name;
            _command.Parameters.Add(parameter);
            _parameters[name] = parameter;
        }
        parameter.Value = value ?? DBNull.Value;
        return this;
    }

    public Task<int> ExecuteAsync(CancellationToken cancellationToken) => _command.ExecuteNonQueryAsync(cancellationToken);

    public async Task<long> ExecuteScalarInt64Async(CancellationToken cancellationToken) =>
        Convert.ToInt64(await _command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);

    public Task<DbDataReader> ReadAsync(CancellationToken cancellationToken) => _command.ExecuteReaderAsync(cancellationToken);

    public ValueTask DisposeAsync() => _command.DisposeAsync();
}
