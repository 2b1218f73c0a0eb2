namespace Portal.Features.Clubs;

public record ClubSummary(int Id, string Slug, string Name, string DefaultLanguage, string TimeZone);
