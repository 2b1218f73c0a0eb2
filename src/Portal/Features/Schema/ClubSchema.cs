namespace Portal.Features.Schema;

/// <summary>What a member profile of one club holds and which consents the club asks for.</summary>
public record ClubSchema(int ClubId, string DefaultLanguage, IReadOnlyList<SchemaProperty> Properties, IReadOnlyList<SchemaConsent> Consents)
{
    public SchemaProperty? Property(string key) => Properties.FirstOrDefault(p => p.Key == key);

    public SchemaConsent? Consent(string key) => Consents.FirstOrDefault(c => c.Key == key);

    public SchemaConsent? ConsentById(int id) => Consents.FirstOrDefault(c => c.Id == id);
}
