using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Data.Entities;

namespace Portal.Data.Configurations;

public class LoyaltyClubConfiguration : IEntityTypeConfiguration<LoyaltyClub>
{
    public void Configure(EntityTypeBuilder<LoyaltyClub> club)
    {
        club.ToTable("LoyaltyClubs");
        club.Property(c => c.Slug).HasMaxLength(ColumnLengths.ClubSlug);
        club.Property(c => c.Name).HasMaxLength(ColumnLengths.ClubName);
        club.Property(c => c.DefaultLanguage).HasMaxLength(ColumnLengths.LanguageCode);
        club.Property(c => c.TimeZone).HasMaxLength(ColumnLengths.TimeZoneId);
        club.HasIndex(c => c.Slug).IsUnique();
    }
}
