// The package families run their examples through the engine (scan.ts), which imports the registry,
// which imports the families: loaded first, a family module must still leave the registry whole. This
// file imports nothing at the top, so each case loads its modules fresh, in its own order.
it.each([['./family'], ['../deps/risk/family'], ['../deps/risk/example-scan']])('loading %s first leaves every family and scanner in the registry', async (first) => {
  await jest.isolateModulesAsync(async () => {
    await import(first);
    const { engineFamilies, engineScanners } = await import('../registry');
    expect(engineFamilies.map((f) => f?.name ?? 'undefined')).not.toContain('undefined');
    expect(engineScanners.map((s) => s?.name ?? 'undefined')).not.toContain('undefined');
  });
});
