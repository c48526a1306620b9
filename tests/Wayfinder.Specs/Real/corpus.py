#!/usr/bin/env python3
"""Builds and settles the real-question corpus (README.md beside this file).

  corpus.py merge [--prefix P] RAW.jsonl... > unlabelled.jsonl
      one item per distinct source, with its id and split: an item that has
      an id keeps it (pass collected.jsonl first), new ones are numbered after;
      sources of ../shared/eval/dev-questions.jsonl are left out; new ids
      are P-0001, ... (default rc; the marketplace corpus uses mc).
  corpus.py settle UNLABELLED.jsonl LABELS_A.jsonl LABELS_B.jsonl [SETTLEMENTS.jsonl] > questions.jsonl
      joins two independent labellings: where they agree the label stands;
      where they differ the item keeps both first choices and is marked for
      settling, unless SETTLEMENTS.jsonl (a person's decisions, by source)
      settles it; an item both found to hold no ML is left out; prints the
      agreement rates on stderr.

The split is fixed by the source alone: the first 8 hex digits of the SHA-256
of the URL, modulo 100: below 60 train, below 80 dev, else sealed.
"""
import hashlib, json, sys, os

HERE = os.path.dirname(os.path.abspath(__file__))
DEV = os.path.join(HERE, '..', '..', '..', '..', 'shared', 'eval', 'dev-questions.jsonl')


def split_of(source):
    bucket = int(hashlib.sha256(source.encode('utf-8')).hexdigest()[:8], 16) % 100
    return 'train' if bucket < 60 else 'dev' if bucket < 80 else 'sealed'


def read(path):
    with open(path, encoding='utf-8') as f:
        for n, line in enumerate(f, 1):
            if line.strip():
                try:
                    yield json.loads(line)
                except json.JSONDecodeError as e:
                    print(f'{path}:{n}: skipped, not JSON ({e})', file=sys.stderr)


def merge(paths, prefix='rc'):
    excluded = set()
    if os.path.exists(DEV):
        excluded = {o['source'] for o in read(DEV)}
    seen, items = set(), []
    for path in paths:
        for o in read(path):
            source, query = (o.get('source') or '').strip(), (o.get('query') or '').strip()
            if not source or not query or source in seen or source in excluded:
                continue
            seen.add(source)
            items.append({'id': o.get('id'), 'source': source, 'project': o.get('project', ''), 'query': query})
    # Items already collected keep their ids; new ones are numbered after
    # them, in the order of their sources' hashes.
    taken = [int(o['id'].split('-')[1]) for o in items if o['id']]
    fresh = sorted((o for o in items if not o['id']), key=lambda o: hashlib.sha256(o['source'].encode('utf-8')).hexdigest())
    for i, o in enumerate(fresh, max(taken, default=0) + 1):
        o['id'] = f'{prefix}-{i:04d}'
    for o in items:
        out = {'id': o['id'], 'split': split_of(o['source']), 'source': o['source'], 'project': o['project'], 'query': o['query']}
        print(json.dumps(out, ensure_ascii=False))


def canonical(label):
    """Destinations as decisions write them: a pack named without its family word gets it back."""
    full = {'ml-production': 'yzmir-ml-production', 'llm-specialist': 'yzmir-llm-specialist',
            'training-optimization': 'yzmir-training-optimization', 'pytorch-engineering': 'yzmir-pytorch-engineering',
            'neural-architectures': 'yzmir-neural-architectures'}
    def fix(d):
        pack, _, sheet = d.partition('/')
        return full.get(pack, pack) + '/' + (sheet or '*')
    for key in ('accept_first', 'relevant'):
        label[key] = list(dict.fromkeys(fix(d) for d in label.get(key) or []))
    return label


def settle(unlabelled, a_path, b_path, settlements_path=None):
    settled = {o['source']: o for o in read(settlements_path)} if settlements_path else {}
    a = {o['source']: canonical(o) for o in read(a_path)}
    b = {o['source']: canonical(o) for o in read(b_path)}
    agree = total = exact = clarify_same = 0
    for item in read(unlabelled):
        la, lb = a.get(item['source']), b.get(item['source'])
        if la is None or lb is None:
            print(f"{item['id']}: not labelled twice, left out", file=sys.stderr)
            continue
        total += 1
        first_a = la['accept_first'][0] if la.get('accept_first') else 'CLARIFY'
        first_b = lb['accept_first'][0] if lb.get('accept_first') else 'CLARIFY'
        # Agreement: each labeller's first choice is among the other's accepted firsts (or both ask).
        same = (first_a == first_b == 'CLARIFY') or (first_a in (lb.get('accept_first') or []) and first_b in (la.get('accept_first') or []))
        agree += same
        exact += first_a == first_b
        clarify_same += la['clarify'] == lb['clarify']
        accept = [d for d in la.get('accept_first', []) if d in lb.get('accept_first', [])] if same else []
        if same and not accept and first_a != 'CLARIFY':
            accept = [first_a]
        relevant = list(dict.fromkeys([d for d in la.get('relevant', []) if d in lb.get('relevant', [])] or accept))
        clarify = la['clarify'] if la['clarify'] == lb['clarify'] else 'allowed'
        out = {
            'id': item['id'], 'split': item['split'], 'source': item['source'], 'project': item['project'],
            'accept_first': accept if same else sorted({first_a, first_b} - {'CLARIFY'}),
            'relevant': relevant if same else sorted(set(la.get('relevant', [])) | set(lb.get('relevant', [])))[:3],
            'clarify': clarify,
            'advisories': sorted(set(la.get('advisories', [])) & set(lb.get('advisories', []))),
            'labels': 'agreed' if same else 'to settle',
            'query': item['query'],
        }
        if not same and item['source'] in settled:
            decision = settled[item['source']]
            out.update(accept_first=decision['accept_first'], relevant=decision['relevant'], labels='settled')
            if 'clarify' in decision:
                out['clarify'] = decision['clarify']
        if la.get('out_of_scope') and lb.get('out_of_scope'):
            # Both labellers found no ML in it: not a question for this corpus.
            print(f"{item['id']}: out of scope for both labellers, left out", file=sys.stderr)
            continue
        print(json.dumps(out, ensure_ascii=False))
    print(f'first destinations identical: {exact}/{total} = {exact / max(total, 1):.1%}', file=sys.stderr)
    print(f"each labeller's first among the other's accepted: {agree}/{total} = {agree / max(total, 1):.1%}", file=sys.stderr)
    print(f'clarify identical: {clarify_same}/{total} = {clarify_same / max(total, 1):.1%}', file=sys.stderr)


if __name__ == '__main__':
    if len(sys.argv) >= 5 and sys.argv[1] == 'merge' and sys.argv[2] == '--prefix':
        merge(sys.argv[4:], sys.argv[3])
    elif len(sys.argv) >= 3 and sys.argv[1] == 'merge':
        merge(sys.argv[2:])
    elif len(sys.argv) in (5, 6) and sys.argv[1] == 'settle':
        settle(*sys.argv[2:])
    else:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
