// The district map drawn as SVG from the district's own GeoJSON (GET /catalog/areas):
// no tiles, nothing fetched from outside. Tapping picks a point; every grid is also a
// keyboard stop (Enter picks its centre), so the map works without a pointer.
import { useEffect, useState } from 'preact/hooks';
import { cached } from './api.js';
import { pick, t } from './i18n.js';

const W = 600;

function bounds(features) {
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const f of features) for (const [x, y] of f.geometry.coordinates[0]) {
    minX = Math.min(minX, x); maxX = Math.max(maxX, x); minY = Math.min(minY, y); maxY = Math.max(maxY, y);
  }
  return { minX, minY, maxX, maxY };
}

export function useAreas() {
  const [areas, setAreas] = useState(null);
  useEffect(() => { cached('/catalog/areas').then(setAreas).catch(() => setAreas(false)); }, []);
  return areas;
}

export function DistrictMap({ areas, onPick, markers = [], selected, label, colourOf }) {
  if (!areas) return <p>{areas === false ? t('error') : t('loading')}</p>;
  const grids = areas.grids.features;
  const b = bounds(areas.streets.features);
  const kx = Math.cos(((b.minY + b.maxY) / 2) * (Math.PI / 180)); // equirectangular, true to scale here
  const scale = W / ((b.maxX - b.minX) * kx);
  const H = Math.round((b.maxY - b.minY) * scale);
  const project = ([lon, lat]) => [((lon - b.minX) * kx * scale).toFixed(1), ((b.maxY - lat) * scale).toFixed(1)];
  const path = (f) => `M${f.geometry.coordinates[0].map((c) => project(c).join(',')).join('L')}Z`;
  const unproject = (x, y) => ({ lon: b.minX + x / scale / kx, lat: b.maxY - y / scale });

  const click = (event) => {
    if (!onPick) return;
    const svg = event.currentTarget;
    const rect = svg.getBoundingClientRect();
    const x = ((event.clientX - rect.left) / rect.width) * W;
    const y = ((event.clientY - rect.top) / rect.height) * H;
    const p = unproject(x, y);
    onPick({ lat: Math.round(p.lat * 1e6) / 1e6, lon: Math.round(p.lon * 1e6) / 1e6 });
  };
  const key = (f) => (event) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      const [lon, lat] = f.properties.point;
      onPick({ lat, lon, grid: f.properties.code });
    }
  };
  return (
    <figure class="map">
      <svg viewBox={`0 0 ${W} ${H}`} role="group" aria-label={label || t('map')} onClick={click} data-testid="map">
        {grids.map((f) => (
          <path key={f.id} d={path(f)} class={`grid-cell${selected === f.properties.code ? ' selected' : ''}`}
            style={colourOf ? { fill: colourOf(f.properties.code) } : undefined}
            tabindex={onPick ? 0 : undefined} role={onPick ? 'button' : undefined}
            aria-label={onPick ? `${pick(f.properties)} ${f.properties.code}` : undefined} onKeyDown={onPick ? key(f) : undefined}>
            <title>{pick(f.properties)} · {f.properties.code}</title>
          </path>
        ))}
        {areas.streets.features.map((f) => <path key={f.id} d={path(f)} class="street-edge" />)}
        {markers.map((m, i) => {
          const [x, y] = project([m.lon, m.lat]);
          return <circle key={i} cx={x} cy={y} r={m.r || 7} class={`marker ${m.kind || ''}`}><title>{m.title || ''}</title></circle>;
        })}
      </svg>
    </figure>
  );
}
