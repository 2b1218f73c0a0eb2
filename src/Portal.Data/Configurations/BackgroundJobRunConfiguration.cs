using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Data.Entities;

namespace Portal.Data.Configurations;

public class BackgroundJobRunConfiguration : IEntityTypeConfiguration<BackgroundJobRun>
{
    public void Configure(EntityTypeBuilder<BackgroundJobRun> run)
    {
        run.ToTable("BackgroundJobRuns");
        run.HasKey(r => r.Name);
        run.Property(r => r.Name).HasMaxLength(BackgroundJobRun.NameLength);
    }
}
