using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;
using Sia.Registry.Data;
using Sia.Testing;
using Sia.ServiceKit.Domain;

namespace Sia.Registry.Testing;

/// <summary>
/// An EF Core interceptor on a service's DbContext (<see cref="Install(IServiceCollection)"/> for the registry's, <see cref="Install{TContext}"/> for
/// another service's, through the test host's ConfigureServices):
/// while a <see cref="Hold"/> is open, the first commands whose SQL contains its text stop, before or after they run, until
/// the test releases them. A race test so pauses the real writers at the point it is about, and the race overlaps every
/// time; every other command passes untouched.
/// </summary>
public sealed class CommandGate : DbCommandInterceptor
{
    /// <summary>The request log's lookup of a create's request_id (CreateRequestLog.FindAsync).</summary>
    public const string RequestIdLookup = "FROM create_requests";

    private Hold? _open;

    /// <summary>Adds a gate to the registry's DbContext; the test finds it in the host's services.</summary>
    public static void Install(IServiceCollection services) => Install<RegistryDbContext>(services);

    /// <summary>Adds a gate to a service's DbContext <typeparamref name="TContext"/>; the test finds it in the host's services.</summary>
    public static void Install<TContext>(IServiceCollection services) where TContext : DbContext
    {
        services.AddSingleton<CommandGate>();
        services.ConfigureDbContext<TContext>((provider, options) => options.AddInterceptors(provider.GetRequiredService<CommandGate>()),
            ServiceLifetime.Singleton);
    }

    /// <summary>Holds the first <paramref name="count"/> commands containing <paramref name="sql"/> before they run.</summary>
    public Hold HoldBefore(string sql, int count = 1) => Open(new Hold(this, sql, count, afterRunning: false));

    /// <summary>Holds the first <paramref name="count"/> commands containing <paramref name="sql"/> once they have run, their results not yet read.</summary>
    public Hold HoldAfter(string sql, int count = 1) => Open(new Hold(this, sql, count, afterRunning: true));

    private Hold Open(Hold hold)
    {
        if (Interlocked.CompareExchange(ref _open, hold, null) is not null) throw new InvalidOperationException("One hold at a time.");
        return hold;
    }

    public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken)
    {
        await PassAsync(command, afterRunning: false, cancellationToken);
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken)
    {
        await PassAsync(command, afterRunning: false, cancellationToken);
        return result;
    }

    public override async ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<object> result, CancellationToken cancellationToken)
    {
        await PassAsync(command, afterRunning: false, cancellationToken);
        return result;
    }

    public override async ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result,
        CancellationToken cancellationToken)
    {
        await PassAsync(command, afterRunning: true, cancellationToken);
        return result;
    }

    public override async ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result,
        CancellationToken cancellationToken)
    {
        await PassAsync(command, afterRunning: true, cancellationToken);
        return result;
    }

    public override async ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result,
        CancellationToken cancellationToken)
    {
        await PassAsync(command, afterRunning: true, cancellationToken);
        return result;
    }

    private Task PassAsync(DbCommand command, bool afterRunning, CancellationToken cancellationToken) =>
        Volatile.Read(ref _open) is { } hold && hold.Takes(command, afterRunning) ? hold.WaitAsync(command, cancellationToken) : Task.CompletedTask;

    /// <summary>
    /// Commands stopped at one point. Disposing it releases them and closes it; a held command that is never released
    /// fails after <see cref="Until.Generous"/>, so a broken test cannot hang the run.
    /// </summary>
    public sealed class Hold(CommandGate gate, string sql, int count, bool afterRunning) : IDisposable
    {
        private readonly TaskCompletionSource _allArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly ConcurrentBag<int> _sessions = [];
        private int _taken;

        /// <summary>The PostgreSQL backends (pg_backend_pid) of the held commands' connections.</summary>
        public IReadOnlyCollection<int> Sessions => [.. _sessions];

        /// <summary>Returns once all <c>count</c> commands are held; fails after <see cref="Until.Generous"/>.</summary>
        public async Task ArrivedAsync()
        {
            try
            {
                await _allArrived.Task.WaitAsync(Until.Generous);
            }
            catch (TimeoutException)
            {
                throw new TimeoutException($"Waited {Until.Generous.TotalSeconds:0} s for {count} commands with \"{sql}\"; {_sessions.Count} came.");
            }
        }

        /// <summary>A barrier: waits for all <c>count</c> commands, then lets them go on together.</summary>
        public async Task ReleaseOnceArrivedAsync()
        {
            await ArrivedAsync();
            Release();
        }

        /// <summary>Whether a session of the database is waiting for a lock that a held command's transaction has.</summary>
        public async Task<bool> IsBlockingAsync(string connectionString)
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var query = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM pg_stat_activity WHERE pg_blocking_pids(pid) && $1)", connection);
            query.Parameters.Add(new NpgsqlParameter { Value = Sessions.ToArray() });
            return (bool)(await query.ExecuteScalarAsync())!;
        }

        public void Release() => _released.TrySetResult();

        public void Dispose()
        {
            Release();
            Interlocked.CompareExchange(ref gate._open, null, this);
        }

        internal bool Takes(DbCommand command, bool after) =>
            after == afterRunning && command.CommandText.Contains(sql, StringComparison.Ordinal) && Interlocked.Increment(ref _taken) <= count;

        internal async Task WaitAsync(DbCommand command, CancellationToken cancellationToken)
        {
            _sessions.Add(((NpgsqlConnection)command.Connection!).ProcessID);
            if (_sessions.Count == count) _allArrived.TrySetResult();
            await _released.Task.WaitAsync(Until.Generous, cancellationToken);
        }
    }
}
