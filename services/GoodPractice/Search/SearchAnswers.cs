using Microsoft.Extensions.Caching.Hybrid;

namespace ChampionNetwork.GoodPractice.Search;

/// <summary>Configuration section "Search:Answers": how long, and whether, a search's answer is kept for the next reader.</summary>
public sealed class SearchAnswerOptions
{
    public const string SectionName = "Search:Answers";

    /// <summary>Off: every search goes to PostgreSQL.</summary>
    public bool Reuse { get; set; } = true;

    /// <summary>The longest an answer is kept, changes or not.</summary>
    public TimeSpan KeepFor { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Memory for kept answers, in bytes of their JSON; beyond it the least used are let go.</summary>
    public long MostBytes { get; set; } = 64 * 1024 * 1024;
}

/// <summary>
/// Answers to searches, kept in this replica's memory and reused by the next reader of the same page of the same
/// search, until the practices change (<see cref="CorpusChanges"/>): an answer is filed under the count of changes
/// it was computed at, so one change retires every answer at once, and a search is never answered from before a
/// change this replica has heard of. Readers who ask at once for an answer not yet kept wait for one search between
/// them. An answer depends only on the search, the page and whether the reader is a member (members see every
/// practice, others the public ones), so answers are filed under that and nothing about who asked.
/// </summary>
public sealed class SearchAnswers(HybridCache cache, CorpusChanges corpus, SearchAnswerOptions options)
{
    private readonly HybridCacheEntryOptions _entry = new()
    {
        Expiration = options.KeepFor,
        LocalCacheExpiration = options.KeepFor,
        Flags = HybridCacheEntryFlags.DisableDistributedCache,
    };

    internal async Task<SearchPage> GetOrSearchAsync(
        SearchCriteria criteria, bool member, Func<CancellationToken, Task<SearchPage>> search, CancellationToken cancellationToken)
    {
        if (!options.Reuse || corpus.Generation is not { } generation)
        {
            return await search(cancellationToken);
        }

        return await cache.GetOrCreateAsync(
            $"search/{generation}/{criteria.AnswerKey(member)}",
            search,
            static async (search, token) => await search(token),
            _entry,
            cancellationToken: cancellationToken);
    }
}

public static class SearchAnswersExtensions
{
    public static IHostApplicationBuilder AddSearchAnswers(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(SearchAnswerOptions.SectionName).Get<SearchAnswerOptions>() ?? new SearchAnswerOptions();
        if (options.KeepFor <= TimeSpan.Zero || options.MostBytes <= 0)
        {
            throw new InvalidOperationException($"{SearchAnswerOptions.SectionName}:KeepFor and :MostBytes must be positive (set Reuse to false to keep no answers).");
        }

        builder.Services.AddSingleton(options);
        // HybridCache sizes each entry by its JSON, so this bounds the memory that distinct searches can take.
        builder.Services.AddMemoryCache(memory => memory.SizeLimit = options.MostBytes);
        builder.Services.AddHybridCache();
        builder.Services.AddSingleton<CorpusChanges>();
        builder.Services.AddHostedService(services => services.GetRequiredService<CorpusChanges>());
        builder.Services.AddSingleton<SearchAnswers>();
        return builder;
    }
}
