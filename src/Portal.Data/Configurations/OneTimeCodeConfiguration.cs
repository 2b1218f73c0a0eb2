using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Data.Entities;

namespace Portal.Data.Configurations;

public class OneTimeCodeConfiguration : IEntityTypeConfiguration<OneTimeCode>
{
    public void Configure(EntityTypeBuilder<OneTimeCode> code)
    {
        code.ToTable("OneTimeCodes");
        code.Property(c => c.Purpose).HasMaxLength(ColumnLengths.Purpose);
        code.Property(c => c.Destination).HasMaxLength(ColumnLengths.Email);
        code.Property(c => c.CodeHash).HasMaxLength(ColumnLengths.TokenHash);
        code.HasOne<LoyaltyClub>().WithMany().HasForeignKey(c => c.ClubId).OnDelete(DeleteBehavior.Cascade);
        code.HasIndex(c => new { c.ClubId, c.Destination, c.Purpose });
        // The hourly purge deletes by expiry: without an index each round scans the whole table, codes still open included.
        code.HasIndex(c => c.ExpiresAt);
    }
}
