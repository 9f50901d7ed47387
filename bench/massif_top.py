"""Peak heap of a massif.out, grouped by the innermost bilateral_digest frame.

    python3 bench/massif_top.py massif.out [TOP]
"""
import re, sys
from collections import defaultdict
lines=open(sys.argv[1]).read().split('\n')
# find peak snapshot
snaps=[];cur=None
for i,l in enumerate(lines):
    if l.startswith('snapshot='): cur={'start':i}; snaps.append(cur)
    elif l.startswith('heap_tree=') and cur is not None: cur['tree']=l.split('=')[1]; cur['tree_at']=i
    elif l.startswith('mem_heap_B=') and cur is not None: cur['heap']=int(l.split('=')[1])
peak=[s for s in snaps if s.get('tree')=='peak'][0]
print('peak heap MB', peak['heap']/1e6)
# Tree lines are `n<children>: <bytes> <frame>`; deeper lines are callers,
# so the first bilateral_digest frame from the top is the innermost.
# parse tree: lines "  n<k>: <bytes> <addr>: <desc>"
i=peak['tree_at']+1
stack=[]; agg=defaultdict(int)
pat=re.compile(r'^( *)n(\d+): (\d+) (.*)$')
while i<len(lines):
    m=pat.match(lines[i])
    if not m: break
    depth=len(m.group(1)); nchild=int(m.group(2)); b=int(m.group(3)); desc=m.group(4)
    stack=stack[:depth]; stack.append(desc)
    if nchild==0:
        k=None
        for f in stack:
            mm=re.search(r'(bilateral_digest::\S+) \(([\w./]+:\d+)\)', f)
            if mm: k=mm.group(1)+' '+mm.group(2); break
        agg[k]+=b
    i+=1
for k,v in sorted(agg.items(), key=lambda x:-x[1])[:int(sys.argv[2]) if len(sys.argv)>2 else 15]:
    print(f"{v/1e6:8.1f} MB  {k}")
