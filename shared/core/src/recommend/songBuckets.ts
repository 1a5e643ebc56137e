/** Width (semitones) of the band of song means that shares a parent bucket. */
export const PARENT_MEAN_STEP = 2;
/** Shares of sung time whose notes split a parent into children: songs alike in where their tails lie. */
const CHILD_QUANTILES = [0.1, 0.9] as const;

/**
 * Songs grouped in a two-level tree of buckets. A parent holds the songs with equal lowest and highest
 * note and a mean in one band; its children split it by the notes below which 10% and 90% of the song
 * is sung. Songs of one bucket share every range term of the fit, so one cheap per-shift bound covers
 * them all: a query bounds parents, opens the best ones, bounds their children and visits the best
 * children's songs, stopping where nothing left can enter the top N.
 *
 * Nodes 0 .. parents - 1 are parents; every array below is indexed by node unless it says otherwise.
 */
export interface SongBuckets {
  readonly count: number;
  readonly parents: number;
  /** Parent p's children are nodes firstChild[p] .. firstChild[p + 1] - 1 (indexed by parent). */
  readonly firstChild: Int32Array;
  readonly lowest: Int16Array;
  readonly highest: Int16Array;
  /** The lowest and highest mean note among the bucket's songs. */
  readonly meanMin: Float64Array;
  readonly meanMax: Float64Array;
  /** Popularity of the bucket's most popular song. */
  readonly topPopularity: Float64Array;
  /** Bucket n holds members[start[n] .. end[n]); a child's in index order (most popular first). */
  readonly start: Int32Array;
  readonly end: Int32Array;
  readonly members: Int32Array;
  /** Start of bucket n's slices in cumulativeMax/Min; each has highest - lowest + 1 values. */
  readonly envelopeOffset: Int32Array;
  /** The most and the least share of sung time on notes <= lowest + k among the bucket's songs. */
  readonly cumulativeMax: Float64Array;
  readonly cumulativeMin: Float64Array;
  /** windowShare[(w - 1) * count + n] = the most of any member that w consecutive semitones can hold. */
  readonly windowShare: Float32Array;
}

/** What buildSongBuckets reads from the index under construction (arrays in index order). */
export interface BucketSource {
  readonly lowest: Int16Array;
  readonly highest: Int16Array;
  readonly meanMidi: Float64Array;
  readonly popularity: Float64Array;
  readonly cumulativeOffset: Int32Array;
  readonly cumulative: Float64Array;
  /** Per song, as RecommendIndex.windowShare. */
  readonly windowShare: Float32Array;
}

/** Semitones above the song's lowest note below which `share` of it is sung. */
function quantile(source: BucketSource, i: number, share: number): number {
  const offset = source.cumulativeOffset[i]!;
  let k = 0;
  while (source.cumulative[offset + k]! < share) k++;
  return k;
}

function groupSongs(source: BucketSource): Map<number, Map<number, number[]>> {
  const tree = new Map<number, Map<number, number[]>>();
  for (let i = 0; i < source.lowest.length; i++) {
    const band = Math.floor(source.meanMidi[i]! / PARENT_MEAN_STEP);
    const parentKey = (source.lowest[i]! * 128 + source.highest[i]!) * 128 + band;
    let children = tree.get(parentKey);
    if (!children) tree.set(parentKey, (children = new Map()));
    const childKey = CHILD_QUANTILES.reduce((key, share) => key * 128 + quantile(source, i, share), 0);
    let members = children.get(childKey);
    if (!members) children.set(childKey, (members = []));
    members.push(i);
  }
  return tree;
}

export function buildSongBuckets(source: BucketSource): SongBuckets {
  const songCount = source.lowest.length;
  const tree = groupSongs(source);
  const parents = tree.size;
  let count = parents;
  for (const children of tree.values()) count += children.size;
  const node = {
    lowest: new Int16Array(count),
    highest: new Int16Array(count),
    meanMin: new Float64Array(count).fill(Infinity),
    meanMax: new Float64Array(count).fill(-Infinity),
    topPopularity: new Float64Array(count),
    start: new Int32Array(count),
    end: new Int32Array(count),
    envelopeOffset: new Int32Array(count),
  };
  const firstChild = new Int32Array(parents + 1);
  const members = new Int32Array(songCount);
  let envelopeLength = 0;
  for (const children of tree.values()) {
    const first = children.values().next().value![0]!;
    envelopeLength += (children.size + 1) * (source.highest[first]! - source.lowest[first]! + 1);
  }
  const cumulativeMax = new Float64Array(envelopeLength);
  const cumulativeMin = new Float64Array(envelopeLength).fill(1);
  const windows = source.windowShare.length / Math.max(1, songCount);
  const windowShare = new Float32Array(windows * count);

  let envelope = 0;
  let next = 0;
  let child = parents;
  /** Starts node n as a bucket of songs from lowest..highest with its envelope slice. */
  const open = (n: number, first: number): void => {
    node.lowest[n] = source.lowest[first]!;
    node.highest[n] = source.highest[first]!;
    node.envelopeOffset[n] = envelope;
    envelope += source.highest[first]! - source.lowest[first]! + 1;
  };
  /** Adds song i's facts to node n's bounds. */
  const add = (n: number, i: number): void => {
    const mean = source.meanMidi[i]!;
    if (mean < node.meanMin[n]!) node.meanMin[n] = mean;
    if (mean > node.meanMax[n]!) node.meanMax[n] = mean;
    if (source.popularity[i]! > node.topPopularity[n]!) node.topPopularity[n] = source.popularity[i]!;
    for (let w = 0; w < windows; w++) {
      const share = source.windowShare[w * songCount + i]!;
      if (share > windowShare[w * count + n]!) windowShare[w * count + n] = share;
    }
    const from = source.cumulativeOffset[i]!;
    const to = node.envelopeOffset[n]!;
    const length = node.highest[n]! - node.lowest[n]! + 1;
    for (let k = 0; k < length; k++) {
      const share = source.cumulative[from + k]!;
      if (share > cumulativeMax[to + k]!) cumulativeMax[to + k] = share;
      if (share < cumulativeMin[to + k]!) cumulativeMin[to + k] = share;
    }
  };

  let p = 0;
  for (const children of tree.values()) {
    open(p, children.values().next().value![0]!);
    node.start[p] = next;
    firstChild[p] = child;
    for (const songs of children.values()) {
      open(child, songs[0]!);
      node.start[child] = next;
      for (const i of songs) {
        members[next++] = i;
        add(child, i);
        add(p, i);
      }
      node.end[child] = next;
      child++;
    }
    node.end[p] = next;
    p++;
  }
  firstChild[parents] = child;
  return { count, parents, firstChild, ...node, members, cumulativeMax, cumulativeMin, windowShare };
}
