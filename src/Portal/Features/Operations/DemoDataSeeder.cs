using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Data.Entities;
using Portal.Features.Schema;
using Portal.Features.Consents;

namespace Portal.Features.Operations;

/// <summary>
/// Development only: the <c>infinity-mall</c> demo club with a handful of members, created only when the
/// database holds no club at all, so it never mixes with real data.
/// </summary>
public class DemoDataSeeder(
    IDbContextFactory<PortalDbContext> dbFactory, ClubSchemaService schemas, ConsentService consents, TimeProvider clock, ILogger<DemoDataSeeder> logger)
{
    public const string DemoClubSlug = "infinity-mall";

    private static readonly (string First, string Last, string Email, string Msisdn, string Birthday, string Channel, int DaysAgo)[] People =
    [
        ("Ola", "Nordmann", "ola.nordmann@example.no", "4740769126", "1990-10-23", "webforms", 120),
        ("Kari", "Nordmann", "kari.nordmann@example.no", "4790012345", "1988-04-02", "mall-app", 95),
        ("Ingrid", "Johansen", "ingrid.johansen@example.no", "4741122334", "1979-12-11", "mall-app", 60),
        ("Lars", "Hansen", "lars.hansen@example.no", "4792233445", "2001-06-30", "webforms", 41),
        ("Sofie", "Berg", "sofie.berg@example.no", "4793344556", "1995-02-14", "mall-app", 20),
        ("Emil", "Haugen", "emil.haugen@example.no", "4794455667", "1984-09-05", "pos", 9),
        ("Nora", "Larsen", "nora.larsen@example.no", "4795566778", "1999-11-19", "mall-app", 3),
        ("Jonas", "Pedersen", "jonas.pedersen@example.no", "4796677889", "1972-03-08", "webforms", 1),
    ];

    /// <summary>Returns true when it seeded.</summary>
    public async Task<bool> SeedIfEmptyAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.Clubs.AnyAsync(ct))
        {
            return false;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var club = new LoyaltyClub { Slug = DemoClubSlug, Name = "Infinity Mall", DefaultLanguage = "no", TimeZone = "Europe/Oslo", CreatedAt = now };
        db.Clubs.Add(club);
        db.MemberProperties.AddRange(Schema.BuiltInProperties.For(club));
        db.MemberProperties.Add(new MemberPropertyDefinition
        {
            Club = club, Key = "interests", Label = "Interests", Type = MemberPropertyType.MultipleChoice, Position = 10,
            ChoicesJson = JsonSerializer.Serialize(new[] { "bikes_and_cars", "sportwear", "food_and_drink", "kids", "beauty" }),
        });
        db.MemberProperties.Add(new MemberPropertyDefinition
        {
            Club = club, Key = "child_birth_years", Label = "Children's birth years", Type = MemberPropertyType.IntegerList, Position = 11,
        });
        db.ConsentDefinitions.Add(new ConsentDefinition
        {
            Club = club, Key = "email_marketing", Title = "News and offers by e-mail",
            Description = "Infinity Mall may send me news, offers and events by e-mail.", CreatedAt = now, UpdatedAt = now, VersionedAt = now,
        });
        db.ConsentDefinitions.Add(new ConsentDefinition
        {
            Club = club, Key = "sms_marketing", Title = "Offers by SMS",
            Description = "Infinity Mall may send me offers by SMS.", CreatedAt = now, UpdatedAt = now, VersionedAt = now,
        });
        foreach (var (person, index) in People.Select((p, i) => (p, i)))
        {
            var created = now.AddDays(-person.DaysAgo);
            db.Members.Add(new Member
            {
                Club = club,
                Email = person.Email,
                Msisdn = person.Msisdn,
                FirstName = person.First,
                LastName = person.Last,
                PropertiesJson = JsonSerializer.Serialize(new Dictionary<string, object>
                {
                    ["first_name"] = person.First,
                    ["last_name"] = person.Last,
                    ["email"] = person.Email,
                    ["msisdn"] = person.Msisdn,
                    ["birthday"] = person.Birthday,
                    ["language"] = "no",
                }),
                EmailStatus = index == 2 ? ChannelStatus.HardBounced : ChannelStatus.Enabled,
                SmsStatus = index == 5 ? ChannelStatus.Disabled : ChannelStatus.Enabled,
                OptinChannel = person.Channel,
                CreatedAt = created,
                UpdatedAt = created,
            });
        }
        await db.SaveChangesAsync(ct);

        // Consent answers as an import would have recorded them, so the consent pages have something to show.
        var schema = (await schemas.GetAsync(club.Id, ct))!;
        var members = await db.Members.Include(m => m.Consents).Where(m => m.ClubId == club.Id).OrderBy(m => m.Id).ToListAsync(ct);
        foreach (var (member, index) in members.Select((m, i) => (m, i)))
        {
            var answers = new Dictionary<string, bool>();
            if (index % 4 != 3)
            {
                answers["email_marketing"] = index % 3 != 2;
            }
            if (index % 2 == 0)
            {
                answers["sms_marketing"] = index % 4 == 0;
            }
            consents.Apply(db, member, schema, answers, Audit.Actor.Import, member.CreatedAt);
        }
        await db.SaveChangesAsync(ct);

        // Push tokens of the built-in sandbox project (Development), one of them dead, so the push console works at once.
        foreach (var (member, index) in members.Take(3).Select((m, i) => (m, i)))
        {
            db.DeviceTokens.Add(new DeviceToken
            {
                ClubId = club.Id, MemberId = member.Id, Token = (index == 2 ? "dead-" : "demo-") + PublicIds.New() + PublicIds.New(),
                Platform = index % 2 == 0 ? "android" : "ios", AppInstallationId = $"demo-install-{index}", FirebaseProjectSlug = "sandbox",
                DeviceModel = index % 2 == 0 ? "Pixel 9" : "iPhone 16", OsVersion = index % 2 == 0 ? "16" : "18.2",
                CreatedAt = now, UpdatedAt = now, LastSeenAt = now.AddHours(-index * 20),
            });
        }
        var programUrl = "service.centrapay.com/api/loyaltyPrograms/IM-CAFE";
        db.Applets.Add(new Applet
        {
            ClubId = club.Id,
            Name = "Infinity Café stamps",
            AppletAccountId = PublicIds.New(),
            ImageUrl = "https://media.example.com/infinity-cafe.png",
            ExtensionsJson = new System.Text.Json.Nodes.JsonArray(
                Applets.AppletExtensions.Loyalty("IM-CAFE", $"{programUrl}/promotions", $"{programUrl}/promotionMemberships", programUrl)).ToJsonString(),
            CreatedAt = now,
            UpdatedAt = now,
        });
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Seeded the demo club {Slug} with {Count} members", DemoClubSlug, People.Length);
        return true;
    }
}
