using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Data.Entities;
using Portal.Features.ApiKeys;
using Portal.Features.Clubs;
using Portal.Features.Operations;
using Portal.Features.Push;
using Portal.Features.Users;

namespace Portal.Bench;

/// <summary>
/// <c>seed --db FILE --members N</c>: Portal's migrations, then the club, its schema, an API key and an admin through
/// Portal's own services, then the members and everything hanging off them with raw prepared inserts in large
/// transactions (EF's change tracker would take an hour for a million members).
/// </summary>
public static class SeedCommand
{
    private const int BatchMembers = 20_000;
    private static readonly string Base58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

    public static async Task<int> RunAsync(BenchArgs args)
    {
        var db = Path.GetFullPath(args.String("db"));
        var members = args.Int("members");
        args.EnsureAllUsed();
        if (File.Exists(db))
        {
            throw new BenchUsageException($"{db} exists; seed writes a new database (delete it, its -wal/-shm files and {SeedInfo.PathFor(db)} first).");
        }
        var info = await SeedAsync(db, members, Console.Out);
        Console.WriteLine($"admin: {info.AdminEmail} (password in {SeedInfo.PathFor(db)})");
        return 0;
    }

    public static async Task<SeedInfo> SeedAsync(string db, int memberCount, TextWriter log)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(db)!);
        var keysPath = db + ".keys";
        var total = Stopwatch.StartNew();

        await using var host = PortalServicesHost.Build(db, keysPath);
        await using var scope = host.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var migrations = await services.GetRequiredService<DatabaseMaintenance>().MigrateAsync();
        log.WriteLine($"migrations applied: {migrations.Count}");

        var club = await services.GetRequiredService<ClubService>().CreateAsync(BenchData.ClubSlug, "Bench Mall", Portal.Features.Audit.Actor.System, "no", "Europe/Oslo");
        var now = DateTime.UtcNow;
        var factory = services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        int[] consentIds;
        List<string> normalApplets, heavyApplets;
        await using (var context = await factory.CreateDbContextAsync())
        {
            context.MemberProperties.AddRange(
                new MemberPropertyDefinition { ClubId = club.Id, Key = "interests", Label = "Interests", Type = MemberPropertyType.MultipleChoice, Position = 10, ChoicesJson = JsonSerializer.Serialize(BenchData.Interests) },
                new MemberPropertyDefinition { ClubId = club.Id, Key = "child_birth_years", Label = "Children's birth years", Type = MemberPropertyType.IntegerList, Position = 11 },
                new MemberPropertyDefinition { ClubId = club.Id, Key = "home_mall", Label = "Home mall", Type = MemberPropertyType.SingleChoice, Position = 12, ChoicesJson = JsonSerializer.Serialize(new[] { "city", "north", "south" }) });
            var consents = new[]
            {
                new ConsentDefinition { ClubId = club.Id, Key = "email_marketing", Title = "News and offers by e-mail", Description = "Bench Mall may send me offers by e-mail.", CreatedAt = now, UpdatedAt = now, VersionedAt = now },
                new ConsentDefinition { ClubId = club.Id, Key = "sms_marketing", Title = "Offers by SMS", Description = "Bench Mall may send me offers by SMS.", CreatedAt = now, UpdatedAt = now, VersionedAt = now },
                new ConsentDefinition { ClubId = club.Id, Key = "profiling", Title = "Personalised offers", Description = "Bench Mall may use my purchases to tailor offers.", CreatedAt = now, UpdatedAt = now, VersionedAt = now },
            };
            context.ConsentDefinitions.AddRange(consents);
            var applets = Enumerable.Range(1, BenchData.NormalApplets + BenchData.HeavyAccountApplets).Select(i => new Applet
            {
                ClubId = club.Id,
                Name = i <= BenchData.NormalApplets ? $"Bench applet {i:00}" : $"Bench stamp card {i - BenchData.NormalApplets:0000}",
                AppletAccountId = PublicIds.New(),
                CreatedAt = now.AddDays(-400),
                UpdatedAt = now.AddDays(-400),
            }).ToList();
            context.Applets.AddRange(applets);
            await context.SaveChangesAsync();
            consentIds = consents.Select(c => c.Id).ToArray();
            normalApplets = applets.Take(BenchData.NormalApplets).Select(a => a.Id).ToList();
            heavyApplets = applets.Skip(BenchData.NormalApplets).Select(a => a.Id).ToList();
        }

        var key = (await services.GetRequiredService<ApiKeyService>().CreateAsync(club.Slug, "Bench app", "all", null, Portal.Features.Audit.Actor.Cli("bench"))).Value!;
        var adminEmail = "bench-admin@portal.local";
        var adminPassword = "Bench-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(8)) + "a";
        await services.GetRequiredService<UserAccountService>().CreateAsync(adminEmail, adminPassword, "Admin", [club.Slug], Portal.Features.Audit.Actor.Cli("bench"));
        // Hashing a password costs tens of milliseconds by design, so every seeded member shares one real hash.
        var passwordHash = services.GetRequiredService<IPasswordHasher<Member>>().HashPassword(new Member(), BenchData.MemberPassword);
        var secret = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        var setup = total.Elapsed;

        var rows = Stopwatch.StartNew();
        var counts = await InsertMembersAsync(db, club.Id, memberCount, consentIds, normalApplets, heavyApplets, key.Info.Id, passwordHash, secret, now, log);
        rows.Stop();
        var info = new SeedInfo(club.Slug, club.Id, memberCount, key.Key, secret, Math.Min(memberCount, BenchData.MembersWithAccessTokens),
            adminEmail, adminPassword, counts.HeavyAccountId, keysPath);
        info.Save(db);

        await using (var connection = new SqliteConnection(PortalServicesHost.ConnectionString(db)))
        {
            await connection.OpenAsync();
            // Fold the WAL into the file so the size below is the database's and the api run starts from a clean file.
            await using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE); ANALYZE;";
            await checkpoint.ExecuteNonQueryAsync();
        }
        SqliteConnection.ClearAllPools();
        var bytes = new FileInfo(db).Length;
        log.WriteLine($"set-up (migrations, club, key, admin): {setup.TotalSeconds:0.0} s");
        log.WriteLine($"members {memberCount:N0}; consents {counts.Consents:N0}; consent changes {counts.ConsentChanges:N0}; device tokens {counts.Tokens:N0}; " +
            $"applet memberships {counts.Memberships:N0}; access tokens {counts.AccessTokens:N0}; push deliveries {counts.Deliveries:N0}");
        log.WriteLine($"rows {counts.Total:N0} in {rows.Elapsed.TotalSeconds:0.0} s = {counts.Total / rows.Elapsed.TotalSeconds:N0} rows/s " +
            $"({memberCount / rows.Elapsed.TotalSeconds:N0} members/s); total {total.Elapsed.TotalSeconds:0.0} s");
        log.WriteLine($"database {bytes / 1048576.0:N1} MiB = {(double)bytes / Math.Max(1, memberCount):N0} bytes per member");
        return info;
    }

    private sealed record Counts(long Consents, long ConsentChanges, long Tokens, long Memberships, long AccessTokens, long Deliveries, long Members, string HeavyAccountId)
    {
        public long Total => Members + Consents + ConsentChanges + Tokens + Memberships + AccessTokens + Deliveries;
    }

    private static async Task<Counts> InsertMembersAsync(string db, int clubId, int count, int[] consentIds, List<string> normalApplets, List<string> heavyApplets,
        int apiKeyId, string passwordHash, string secret, DateTime now, TextWriter log)
    {
        await using var connection = new SqliteConnection(PortalServicesHost.ConnectionString(db));
        await connection.OpenAsync();
        // Bulk-load settings for this connection only: nothing is durable until the final checkpoint anyway, and the
        // rows are consistent by construction (foreign keys are checked again by Portal's own connections).
        await using (var pragmas = connection.CreateCommand())
        {
            pragmas.CommandText = "PRAGMA synchronous=OFF; PRAGMA foreign_keys=OFF; PRAGMA cache_size=-1000000; PRAGMA temp_store=MEMORY; PRAGMA wal_autocheckpoint=100000;";
            await pragmas.ExecuteNonQueryAsync();
        }

        var member = Prepare(connection, """
            INSERT INTO Members (Id, ClubId, Email, Msisdn, FirstName, LastName, FirstNameSearch, LastNameSearch, PropertiesJson, SmsStatus, EmailStatus, PushStatus, OptinChannel, OptinSubchannel,
                PasswordHash, CreatedAt, UpdatedAt, BannedUntil, AccountId, TestAccount, ExternalCustomerId, FavoriteStoresJson, Version)
            VALUES ($id, $club, $email, $msisdn, $first, $last, $firstSearch, $lastSearch, $props, $sms, $emailStatus, $push, $channel, NULL, $password, $created, $updated, $banned, $account, $test, $external, $stores, 1)
            """);
        var consent = Prepare(connection, "INSERT INTO MemberConsents (MemberId, ConsentDefinitionId, Status, UpdatedAt) VALUES ($member, $definition, $status, $at)");
        var change = Prepare(connection, """
            INSERT INTO ConsentChanges (ClubId, MemberId, ConsentDefinitionId, DefinitionVersion, OldStatus, NewStatus, ChangedAt, Channel, ClientName, ActorType, ActorId, ActorName)
            VALUES ($club, $member, $definition, 1, $old, $new, $at, $channel, $client, $actorType, $actorId, $actorName)
            """);
        var token = Prepare(connection, """
            INSERT INTO DeviceTokens (ClubId, MemberId, Token, Platform, AppInstallationId, FirebaseProjectSlug, DeviceModel, OsVersion, AppVersion, CreatedAt, UpdatedAt, LastSeenAt, Status, InvalidReason, InvalidatedAt)
            VALUES ($club, $member, $token, $platform, $installation, $project, $model, $os, '5.2.0', $created, $created, $seen, $status, $reason, $invalidated)
            """);
        var membership = Prepare(connection, """
            INSERT INTO AppletMemberships (Id, ClubId, AppletId, MemberId, AccountId, CreatedAt, CreatedBy, Test) VALUES ($id, $club, $applet, $member, $account, $at, $by, 0)
            """);
        var access = Prepare(connection, """
            INSERT INTO MemberAccessTokens (MemberId, ApiKeyId, AccessTokenHash, RefreshTokenHash, CreatedAt, ExpiresAt, RefreshExpiresAt, RevokedAt)
            VALUES ($member, $key, $access, $refresh, $at, $expires, $refreshExpires, NULL)
            """);

        var random = new Random(20261122);
        var start = now.AddYears(-5);
        var span = (now.AddDays(-1) - start).Ticks;
        long consents = 0, changes = 0, tokens = 0, memberships = 0, accessTokens = 0;
        string heavyAccount = "";
        var batch = Stopwatch.StartNew();
        var transaction = connection.BeginTransaction();
        foreach (var command in new[] { member, consent, change, token, membership, access })
        {
            command.Transaction = transaction;
        }

        for (long id = 1; id <= count; id++)
        {
            var dice = new BenchData.Dice(id);
            var first = BenchData.FirstNames[dice.Next(BenchData.FirstNames.Length)];
            var last = BenchData.LastNames[dice.Next(BenchData.LastNames.Length)];
            var email = dice.Chance(95) ? $"{first}.{last}.{id}@{(dice.Chance(50) ? "example.no" : "mail.example.com")}".ToLowerInvariant() : null;
            var msisdn = dice.Chance(90) || email is null ? $"47{(id % 2 == 0 ? 40_000_000 : 90_000_000) + id}" : null;
            var created = start.AddTicks(span / count * (id - 1) + dice.Next(1_000_000) * 10L);
            var tokenCount = BenchData.TokenCount(id);
            var account = RandomId(random);
            if (id == 1)
            {
                heavyAccount = account;
            }
            var birthday = $"{1940 + dice.Next(66)}-{1 + dice.Next(12):00}-{1 + dice.Next(28):00}";
            var interests = string.Join(',', BenchData.Interests.Where(_ => dice.Chance(30)).Select(i => $"\"{i}\""));
            var children = dice.Chance(35) ? $"{2000 + dice.Next(25)}" : "";
            var props = $$"""{"email":{{Json(email)}},"msisdn":{{Json(msisdn)}},"first_name":"{{first}}","last_name":"{{last}}","birthday":"{{birthday}}","language":"{{(dice.Chance(85) ? "no" : "en")}}","interests":[{{interests}}],"child_birth_years":[{{children}}],"home_mall":"{{(dice.Next(3) switch { 0 => "city", 1 => "north", _ => "south" })}}"}""";

            Set(member, "$id", id);
            Set(member, "$club", clubId);
            Set(member, "$email", email);
            Set(member, "$msisdn", msisdn);
            Set(member, "$first", first);
            Set(member, "$last", last);
            Set(member, "$firstSearch", Member.SearchKey(first));
            Set(member, "$lastSearch", Member.SearchKey(last));
            Set(member, "$props", props);
            Set(member, "$sms", msisdn is null ? ChannelStatus.Disabled : dice.Chance(94) ? ChannelStatus.Enabled : ChannelStatus.Disabled);
            Set(member, "$emailStatus", email is null ? ChannelStatus.Disabled : dice.Chance(93) ? ChannelStatus.Enabled : dice.Chance(50) ? ChannelStatus.HardBounced : ChannelStatus.Disabled);
            Set(member, "$push", tokenCount > 0 ? ChannelStatus.Enabled : ChannelStatus.Disabled);
            Set(member, "$channel", dice.Next(20) switch { < 12 => "mall-app", < 17 => "webforms", _ => "pos" });
            Set(member, "$password", dice.Chance(75) ? passwordHash : null);
            Set(member, "$created", created);
            Set(member, "$updated", created.AddDays(dice.Next(30)) is var updated && updated < now ? updated : created);
            Set(member, "$banned", dice.Next(1000) == 0 ? now.AddDays(30) : null);
            Set(member, "$account", account);
            Set(member, "$test", dice.Next(200) == 0);
            Set(member, "$external", dice.Chance(30) ? $"C{id:0000000}" : null);
            Set(member, "$stores", dice.Chance(40) ? $"[{1 + dice.Next(60)},{61 + dice.Next(60)}]" : "[]");
            member.ExecuteNonQuery();

            // Consents with history: most members answered at sign-up, some changed their mind later.
            for (var c = 0; c < consentIds.Length; c++)
            {
                if (!dice.Chance(c switch { 0 => 80, 1 => 60, _ => 40 }))
                {
                    continue;
                }
                var status = dice.Chance(70);
                var fromApp = dice.Chance(60);
                AddChange(change, clubId, id, consentIds[c], null, status, created, fromApp);
                changes++;
                var at = created;
                if (dice.Chance(15))
                {
                    at = created.AddDays(1 + dice.Next(300));
                    if (at > now)
                    {
                        at = now.AddMinutes(-dice.Next(10_000));
                    }
                    AddChange(change, clubId, id, consentIds[c], status, !status, at, true);
                    status = !status;
                    changes++;
                }
                Set(consent, "$member", id);
                Set(consent, "$definition", consentIds[c]);
                Set(consent, "$status", status);
                Set(consent, "$at", at);
                consent.ExecuteNonQuery();
                consents++;
            }

            for (var k = 0; k < tokenCount; k++)
            {
                // The first token of a member stays active (the app re-registering it is the api scenario); older devices go stale.
                var invalid = k > 0 && dice.Chance(25);
                var android = BenchData.Platform(id, k) == "android";
                var tokenCreated = created.AddDays(dice.Next(60));
                Set(token, "$club", clubId);
                Set(token, "$member", id);
                Set(token, "$token", BenchData.DeviceToken(id, k));
                Set(token, "$platform", android ? "android" : "ios");
                Set(token, "$installation", BenchData.InstallationId(id, k));
                Set(token, "$project", BenchData.FirebaseSlug);
                Set(token, "$model", android ? (dice.Chance(50) ? "Pixel 9" : "Galaxy S24") : (dice.Chance(50) ? "iPhone 16" : "iPhone 13"));
                Set(token, "$os", android ? $"{13 + dice.Next(4)}" : $"{16 + dice.Next(3)}.{dice.Next(5)}");
                Set(token, "$created", tokenCreated < now ? tokenCreated : created);
                Set(token, "$seen", now.AddMinutes(-dice.Next(90 * 24 * 60)));
                Set(token, "$status", invalid ? DeviceTokenStatus.Invalid : DeviceTokenStatus.Active);
                Set(token, "$reason", invalid ? "FCM: token no longer registered (UNREGISTERED)" : null);
                Set(token, "$invalidated", invalid ? now.AddDays(-dice.Next(60)) : null);
                token.ExecuteNonQuery();
                tokens++;
            }

            var joined = id == 1 ? heavyApplets : dice.Chance(25) ? normalApplets.Where(_ => dice.Next(normalApplets.Count) < 2).Take(2).ToList() : [];
            var joinedAt = created;
            foreach (var applet in joined)
            {
                joinedAt = joinedAt.AddMinutes(1 + dice.Next(600));
                Set(membership, "$id", RandomId(random));
                Set(membership, "$club", clubId);
                Set(membership, "$applet", applet);
                Set(membership, "$member", id);
                Set(membership, "$account", account);
                Set(membership, "$at", joinedAt < now ? joinedAt : now);
                Set(membership, "$by", $"crn::api-key:{apiKeyId}");
                membership.ExecuteNonQuery();
                memberships++;
            }

            if (id <= BenchData.MembersWithAccessTokens)
            {
                Set(access, "$member", id);
                Set(access, "$key", apiKeyId);
                Set(access, "$access", BenchData.Sha256Hex(BenchData.AccessToken(secret, id)));
                Set(access, "$refresh", BenchData.Sha256Hex(BenchData.RefreshToken(secret, id)));
                Set(access, "$at", now);
                // Longer than Portal's 24 h so a seeded database stays usable for a while; Portal only compares the dates.
                Set(access, "$expires", now.AddDays(365));
                Set(access, "$refreshExpires", now.AddDays(365));
                access.ExecuteNonQuery();
                accessTokens++;
            }

            if (id % BatchMembers == 0 || id == count)
            {
                transaction.Commit();
                transaction.Dispose();
                if (id % 200_000 == 0 || id == count)
                {
                    log.WriteLine($"  {id:N0} members ({BatchMembers / Math.Max(0.001, batch.Elapsed.TotalSeconds):N0} members/s in the last batch)");
                }
                batch.Restart();
                transaction = connection.BeginTransaction();
                foreach (var command in new[] { member, consent, change, token, membership, access })
                {
                    command.Transaction = transaction;
                }
            }
        }
        transaction.Commit();
        transaction.Dispose();

        var deliveries = await InsertPushSendsAsync(connection, clubId, count, now);
        return new Counts(consents, changes, tokens, memberships, accessTokens, deliveries, count, heavyAccount);
    }

    /// <summary>A few pushes already sent, each to a few thousand tokens, so the members' Messages tabs and the console's history have data.</summary>
    private static async Task<long> InsertPushSendsAsync(SqliteConnection connection, int clubId, int count, DateTime now)
    {
        long deliveries = 0;
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        var send = Prepare(connection, """
            INSERT INTO PushSends (ClubId, MessageId, ValidateOnly, ContentJson, Title, TargetDescription, CreatedBy, CreatedAt, CompletedAt, Total, Succeeded, Failed)
            VALUES ($club, $message, 0, $content, $title, $target, 'bench-admin@portal.local', $at, $at, 0, 0, 0) RETURNING Id
            """);
        var delivery = Prepare(connection, """
            INSERT INTO PushDeliveries (PushSendId, MemberId, DeviceTokenId, Token, Platform, FirebaseProjectSlug, Success, FcmMessageName, ErrorCode, ErrorMessage, Attempts, SentAt, DeliveredAt, OpenedAt)
            SELECT $send, t.MemberId, t.Id, t.Token, t.Platform, t.FirebaseProjectSlug, 1, 'projects/bench-project/messages/' || t.Id, NULL, NULL, 1, $at,
                   CASE WHEN t.Id % 3 <> 0 THEN $delivered END, CASE WHEN t.Id % 7 = 0 THEN $opened END
            FROM DeviceTokens t WHERE t.ClubId = $club AND t.Status = 'active' AND t.MemberId % $stride = $offset
            """);
        var totals = Prepare(connection, "UPDATE PushSends SET Total = (SELECT COUNT(*) FROM PushDeliveries WHERE PushSendId = $send), Succeeded = (SELECT COUNT(*) FROM PushDeliveries WHERE PushSendId = $send) WHERE Id = $send");
        send.Transaction = delivery.Transaction = totals.Transaction = transaction;
        var stride = Math.Max(1, count / 2_000);
        for (var i = 0; i < 5; i++)
        {
            var at = now.AddDays(-7 * (5 - i));
            var content = new PushContent { Title = $"Weekend offers, week {i + 1}", Body = "Up to 50 % off in the food court this weekend.", DeepLink = "mallapp://offers" };
            Set(send, "$club", clubId);
            Set(send, "$message", RandomId(Random.Shared));
            Set(send, "$content", JsonSerializer.Serialize(content));
            Set(send, "$title", content.Title);
            Set(send, "$target", $"about {count / stride:N0} members");
            Set(send, "$at", at);
            var sendId = (long)(await send.ExecuteScalarAsync())!;
            Set(delivery, "$send", sendId);
            Set(delivery, "$at", at);
            Set(delivery, "$delivered", at.AddSeconds(30));
            Set(delivery, "$opened", at.AddHours(2));
            Set(delivery, "$club", clubId);
            Set(delivery, "$stride", stride);
            Set(delivery, "$offset", i);
            deliveries += await delivery.ExecuteNonQueryAsync();
            Set(totals, "$send", sendId);
            await totals.ExecuteNonQueryAsync();
        }
        await transaction.CommitAsync();
        return deliveries;
    }

    private static void AddChange(SqliteCommand change, int clubId, long member, int definition, bool? old, bool status, DateTime at, bool fromApp)
    {
        Set(change, "$club", clubId);
        Set(change, "$member", member);
        Set(change, "$definition", definition);
        Set(change, "$old", old);
        Set(change, "$new", status);
        Set(change, "$at", at);
        Set(change, "$channel", fromApp ? "api" : "import");
        Set(change, "$client", fromApp ? "mall-app" : null);
        Set(change, "$actorType", fromApp ? "member" : "system");
        Set(change, "$actorId", fromApp ? member.ToString(System.Globalization.CultureInfo.InvariantCulture) : null);
        Set(change, "$actorName", fromApp ? null : "Portal import");
        change.ExecuteNonQuery();
    }

    private static SqliteCommand Prepare(SqliteConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in System.Text.RegularExpressions.Regex.Matches(sql, @"\$[a-zA-Z]+").Select(m => m.Value).Distinct())
        {
            command.Parameters.Add(new SqliteParameter(name, null));
        }
        command.Prepare();
        return command;
    }

    private static void Set(SqliteCommand command, string name, object? value) => command.Parameters[name].Value = value ?? DBNull.Value;

    private static string Json(string? text) => text is null ? "null" : $"\"{text}\"";

    /// <summary>Portal's public-id shape (22 base58 characters); a seeded generator is enough for ids that only need to be unique.</summary>
    private static string RandomId(Random random) => string.Create(22, random, (span, r) =>
    {
        for (var i = 0; i < span.Length; i++)
        {
            span[i] = Base58[r.Next(Base58.Length)];
        }
    });
}
