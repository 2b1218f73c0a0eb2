using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Portal.Data.Entities;

namespace Portal.Bench;

/// <summary>
/// The ceiling: a bare ASP.NET Core app (slim builder, minimal APIs, no middleware) answering the same paths as Portal
/// with the least work the answer needs: one single-row write or one read, with raw Microsoft.Data.Sqlite on the same
/// file and the same connection settings Portal uses (pooled, foreign keys on, WAL). No authentication, no rules,
/// no EF. Portal's figures divided by these say how much of the machine Portal's own code costs.
/// </summary>
public static class CeilingServer
{
    public const string Verb = "ceiling-serve";
    private const string Base58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

    public static async Task<int> RunAsync(BenchArgs args)
    {
        var db = Path.GetFullPath(args.String("db"));
        var clubId = args.Int("club");
        var urls = args.String("urls");
        var hashPasswords = args.String("hash-passwords", "false") == "true";
        args.EnsureAllUsed();
        // Portal's own hasher and settings (ASP.NET Core Identity's PBKDF2 defaults, as PortalServices registers it).
        var hasher = new PasswordHasher<Member>();
        var connectionString = PortalServicesHost.PortalConnectionString(db);

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(urls);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapGet("/health", () => Results.Ok());

        // Register app token: the common case is the same token again, so the write is its last-seen time.
        app.MapPost("/v3/{slug}/members/me/app_tokens", async (HttpRequest request) =>
        {
            using var body = await JsonDocument.ParseAsync(request.Body);
            var token = body.RootElement.GetProperty("token").GetString();
            await using var connection = new SqliteConnection(connectionString);
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "UPDATE DeviceTokens SET LastSeenAt = $now WHERE ClubId = $club AND Token = $token";
            command.Parameters.AddWithValue("$now", DateTime.UtcNow);
            command.Parameters.AddWithValue("$club", clubId);
            command.Parameters.AddWithValue("$token", token);
            return await command.ExecuteNonQueryAsync() == 1 ? Results.Json(new { }) : Results.NotFound();
        });

        // Create member: one insert of the row Portal would write (no consents, no outbox); with --hash-passwords true
        // it also hashes the password as Portal does, unbounded (the hashing ceiling).
        app.MapPost("/v3/{slug}/members", async (HttpRequest request) =>
        {
            var body = (await JsonNode.ParseAsync(request.Body))!.AsObject();
            var properties = body["properties"]!.AsObject();
            var now = DateTime.UtcNow;
            var passwordHash = hashPasswords && body["password"]?.GetValue<string>() is { } password ? hasher.HashPassword(new Member(), password) : null;
            await using var connection = new SqliteConnection(connectionString);
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = """
                INSERT INTO Members (ClubId, Email, Msisdn, FirstName, LastName, FirstNameSearch, LastNameSearch, PropertiesJson, SmsStatus, EmailStatus, PushStatus, OptinChannel,
                    CreatedAt, UpdatedAt, AccountId, TestAccount, FavoriteStoresJson, Version, PasswordHash)
                VALUES ($club, $email, $msisdn, $first, $last, lower($first), lower($last), $props, 'enabled', 'enabled', 'disabled', $channel, $now, $now, $account, 0, '[]', 1, $hash)
                RETURNING Id
                """;
            command.Parameters.AddWithValue("$club", clubId);
            command.Parameters.AddWithValue("$email", (object?)properties["email"]?.GetValue<string>().ToLowerInvariant() ?? DBNull.Value);
            command.Parameters.AddWithValue("$msisdn", (object?)properties["msisdn"]?.GetValue<string>() ?? DBNull.Value);
            command.Parameters.AddWithValue("$first", (object?)properties["first_name"]?.GetValue<string>() ?? DBNull.Value);
            command.Parameters.AddWithValue("$last", (object?)properties["last_name"]?.GetValue<string>() ?? DBNull.Value);
            command.Parameters.AddWithValue("$props", properties.ToJsonString());
            command.Parameters.AddWithValue("$channel", request.Headers["X-Product-Name"].ToString());
            command.Parameters.AddWithValue("$now", now);
            command.Parameters.AddWithValue("$account", new string(RandomNumberGenerator.GetItems<char>(Base58, 22)));
            command.Parameters.AddWithValue("$hash", (object?)passwordHash ?? DBNull.Value);
            var id = (long)(await command.ExecuteScalarAsync())!;
            return Results.Json(new { id }, statusCode: StatusCodes.Status201Created);
        });

        // Show member: the row by id.
        app.MapGet("/v3/{slug}/members/{id:long}", async (long id) =>
        {
            await using var connection = new SqliteConnection(connectionString);
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT * FROM Members WHERE Id = $id AND ClubId = $club";
            command.Parameters.AddWithValue("$id", id);
            command.Parameters.AddWithValue("$club", clubId);
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
            await using var connection = new SqliteConnection(connectionString);
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            var after = pageKey?.Split('|');
            command.CommandText = $"""
                SELECT Id, AppletId, AccountId, CreatedAt, CreatedBy, Test FROM AppletMemberships
                WHERE AccountId = $account {(after is null ? "" : "AND (CreatedAt > $at OR (CreatedAt = $at AND Id > $id))")}
                ORDER BY CreatedAt, Id LIMIT $limit
                """;
            command.Parameters.AddWithValue("$account", accountId);
            command.Parameters.AddWithValue("$limit", limit + 1);
            if (after is not null)
            {
                command.Parameters.AddWithValue("$at", after[0]);
                command.Parameters.AddWithValue("$id", after[1]);
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
                lastAt = reader.GetString(3);
                items.Add(new { id = reader.GetString(0), appletId = reader.GetString(1), accountId = reader.GetString(2), createdAt = reader.GetString(3), createdBy = reader.GetString(4), test = reader.GetBoolean(5) });
            }
            return Results.Json(new { items, nextPageKey = next });
        });

        await app.RunAsync();
        return 0;
    }
}
