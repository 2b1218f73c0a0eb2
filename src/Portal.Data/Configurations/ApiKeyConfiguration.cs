using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Data.Entities;

namespace Portal.Data.Configurations;

public class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> key)
    {
        key.ToTable("ApiKeys");
        key.Property(k => k.Name).HasMaxLength(ColumnLengths.ApiKeyName);
        key.Property(k => k.Prefix).HasMaxLength(ColumnLengths.ApiKeyPrefix);
        key.Property(k => k.SecretHash).HasMaxLength(ColumnLengths.ApiKeyHash);
        key.Property(k => k.Permits).HasMaxLength(ColumnLengths.ApiKeyPermits);
        key.Property(k => k.AccountId).HasMaxLength(ColumnLengths.AccountId);
        key.HasOne(k => k.Club).WithMany().HasForeignKey(k => k.ClubId).OnDelete(DeleteBehavior.Restrict);
        key.HasIndex(k => k.Prefix).IsUnique();
        key.HasIndex(k => k.ClubId);
    }
}
