using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Portal.Data.Entities;

namespace Portal.Bench;

/// <summary>
/// The ceiling: a bare ASP.NET Core app (slim builder, minimal APIs, no middleware) answering the same paths as Portal
/// with the least work the answer needs: one single-row write or one read, with raw ADO.NET on the same database and
/// the same connection settings Portal uses: Microsoft.Data.Sqlite on the file (pooled, foreign keys on, WAL), or with
/// <c>--postgres</c> Npgsql on the PostgreSQL copy. The statements are the same text on both engines (quoted
/// identifiers, <c>@name</c> parameters); only the page key's time is read and bound as each engine stores it. No
/// authentication, no rules, no EF. Portal's figures divided by these say how much of the machine Portal's own code costs.
/// </summary>
public static class CeilingServer
{
    public const string Verb = "ceiling-serve";
    private const string Base58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

    public static async Task<int> RunAsync(BenchArgs args)
    {
        var target = BenchTarget.FromArgs(args);
        var clubId = args.Int("club");
        var urls = args.String("urls");
        var hashPasswords = args.String("hash-passwords", "false") == "true";
        args.EnsureAllUsed();
        // Portal's own hasher and settings (ASP.NET Core Identity's PBKDF2 defaults, as PortalServices registers it).
        var hasher = new PasswordHasher<Member>();

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(urls);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapGet("/health", () => Results.Ok());

        // On SQLite the writes queue in memory for the one write lock, as Portal's (SqliteWriteGate) do, rather than
        // sleeping in Microsoft.Data.Sqlite's busy retry: the better of the two is what this machine can do.
        // PostgreSQL locks rows, so there the writes run side by side.
        var writeGate = target.IsPostgreSql ? null : new SemaphoreSlim(1, 1);
        async Task<T> WriteAsync<T>(Func<Task<T>> write)
        {
            if (writeGate is null)
            {
                return await write();
            }
            await writeGate.WaitAsync();
            try
            {
                return await write();
            }
            finally
            {
                writeGate.Release();
            }
        }

        // Register app token: the common case is the same token again, so the write is its last-seen time.
        app.MapPost("/v3/{slug}/members/me/app_tokens", async (HttpRequest request) =>
        {
            using var body = await JsonDocument.ParseAsync(request.Body);
            var token = body.RootElement.GetProperty("token").GetString();
            await using var connection = target.NewConnection();
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = """UPDATE "DeviceTokens" SET "LastSeenAt" = @now WHERE "ClubId" = @club AND "Token" = @token""";
            Add(command, "now", DateTime.UtcNow);
            Add(command, "club", clubId);
            Add(command, "token", token);
            return await WriteAsync(() => command.ExecuteNonQueryAsync()) == 1 ? Results.Json(new { }) : Results.NotFound();
        });

        // Create member: one insert of the row Portal would write (no consents, no outbox); with --hash-passwords true
        // it also hashes the password as Portal does, unbounded (the hashing ceiling).
        app.MapPost("/v3/{slug}/members", async (HttpRequest request) =>
        {
            var body = (await JsonNode.ParseAsync(request.Body))!.AsObject();
            var properties = body["properties"]!.AsObject();
            var now = DateTime.UtcNow;
            var passwordHash = hashPasswords && body["password"]?.GetValue<string>() is { } password ? hasher.HashPassword(new Member(), password) : null;
            await using var connection = target.NewConnection();
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = """
                INSERT INTO "Members" ("ClubId", "Email", "Msisdn", "FirstName", "LastName", "FirstNameSearch", "LastNameSearch", "PropertiesJson", "SmsStatus",
                    "EmailStatus", "PushStatus", "OptinChannel", "CreatedAt", "UpdatedAt", "AccountId", "TestAccount", "FavoriteStoresJson", "Version", "PasswordHash")
                VALUES (@club, @email, @msisdn, @first, @last, @firstSearch, @lastSearch, @props, 'enabled', 'enabled', 'disabled', @channel, @now, @now, @account,
                    FALSE, '[]', 1, @hash)
                RETURNING "Id"
                """;
            var first = properties["first_name"]?.GetValue<string>();
            var last = properties["last_name"]?.GetValue<string>();
            Add(command, "club", clubId);
            Add(command, "email", properties["email"]?.GetValue<string>().ToLowerInvariant());
            Add(command, "msisdn", properties["msisdn"]?.GetValue<string>());
            Add(command, "first", first);
            Add(command, "last", last);
            Add(command, "firstSearch", first?.ToLowerInvariant());
            Add(command, "lastSearch", last?.ToLowerInvariant());
            Add(command, "props", properties.ToJsonString());
            Add(command, "channel", request.Headers["X-Product-Name"].ToString());
            Add(command, "now", now);
            Add(command, "account", new string(RandomNumberGenerator.GetItems<char>(Base58, 22)));
            Add(command, "hash", passwordHash);
            var id = Convert.ToInt64(await WriteAsync(() => command.ExecuteScalarAsync()), CultureInfo.InvariantCulture);
            return Results.Json(new { id }, statusCode: StatusCodes.Status201Created);
        });

        // Show member: the row by id.
        app.MapGet("/v3/{slug}/members/{id:long}", async (long id) =>
        {
            await using var connection = target.NewConnection();
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = """SELECT * FROM "Members" WHERE "Id" = @id AND "ClubId" = @club""";
            Add(command, "id", id);
            Add(command, "club", clubId);
            await using var reader = await command.ExecuteReaderAsync();
            if (!await reader.ReadAsync())
            {
                return Results.NotFound();
            }
            var row = new Dictionary<string, object?>();
            for (var i = 0; i < reader.FieldCount; i++)
            {
                row[reader.GetName(i)] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }
            return Results.Json(row);
        });

        // List an account's applet memberships: one keyset read on the (AccountId, CreatedAt, Id) index.
        app.MapGet("/api/accounts/{accountId}/applet-memberships", async (string accountId, string? pageKey, int? paginationLimit) =>
        {
            var limit = paginationLimit ?? 50;
            await using var connection = target.NewConnection();
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            var after = pageKey?.Split('|');
            var afterKey = after is null ? "" : "AND (\"CreatedAt\" > @at OR (\"CreatedAt\" = @at AND \"Id\" > @id))";
            command.CommandText = $"""
                SELECT "Id", "AppletId", "AccountId", "CreatedAt", "CreatedBy", "Test" FROM "AppletMemberships"
                WHERE "AccountId" = @account {afterKey}
                ORDER BY "CreatedAt", "Id" LIMIT @limit
                """;
            Add(command, "account", accountId);
            Add(command, "limit", limit + 1);
            if (after is not null)
            {
                // SQLite keeps the time as text; PostgreSQL as timestamptz, so it is bound as a UTC time there.
                Add(command, "at", target.IsPostgreSql ? DateTime.Parse(after[0], CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind) : after[0]);
                Add(command, "id", after[1]);
            }
            var items = new List<object>();
            string? next = null, lastAt = null, lastId = null;
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                if (items.Count == limit)
                {
                    next = $"{lastAt}|{lastId}";
                    break;
                }
                lastId = reader.GetString(0);
                lastAt = reader.GetValue(3) is DateTime at ? at.ToString("O", CultureInfo.InvariantCulture) : reader.GetString(3);
                items.Add(new { id = reader.GetString(0), appletId = reader.GetString(1), accountId = reader.GetString(2), createdAt = lastAt, createdBy = reader.GetString(4), test = reader.GetBoolean(5) });
            }
            return Results.Json(new { items, nextPageKey = next });
        });

        await app.RunAsync();
        return 0;
    }

    private static void Add(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@" + name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }
}
