/**
 * The one-line diagram: buses as nodes, lines as orthogonal edges, laid out
 * automatically from the substation (positions the user drags are stored on
 * the buses). After a power flow, buses are coloured by voltage and lines by
 * loading, for the period chosen in the results; hovering shows the numbers.
 */
import { memo, useCallback, useMemo, useState } from 'react';
import {
  Background,
  BaseEdge,
  Controls,
  Handle,
  Position,
  ReactFlow,
  getSmoothStepPath,
  type Edge,
  type EdgeProps,
  type Node,
  type NodeChange,
  type NodeProps,
} from '@xyflow/react';
import '@xyflow/react/dist/base.css';
import { create } from 'zustand';
import { useDocument } from '../state/document.ts';
import { useSession } from '../state/session.ts';
import { feederLayout } from './feederLayout.ts';
import { moveBuses, resetLayout } from './networkEdits.ts';
import { usePowerflowPeriod } from '../results/useShownResult.ts';
import { loadingColour, voltageColour, voltageGradient, VOLTAGE_TOP } from '../results/colourScales.ts';
import { useOpfDiagramColouring } from '../opf/opfDiagramColouring.ts';
import { DerGlyphs, dersByBus, type DersAtBus } from '../opf/DerGlyphs.tsx';

interface BusNodeData extends Record<string, unknown> {
  label: string;
  colour: string | null;
  slack: boolean;
  tip: string[];
  ders: DersAtBus | undefined;
}
interface LineEdgeData extends Record<string, unknown> {
  colour: string;
  width: number;
  tip: string;
}

const fmt = (v: number, d = 4) => v.toFixed(d);

const BusNode = memo(function BusNode({ data, selected }: NodeProps<Node<BusNodeData>>) {
  return (
    <div className={`bus-node${selected ? ' selected' : ''}${data.slack ? ' slack' : ''}`}>
      <Handle type="target" position={Position.Left} className="bus-handle" />
      <div className="bus-dot" style={data.colour ? { background: data.colour, borderColor: data.colour } : undefined} />
      <div className="bus-label">{data.label}</div>
      {data.ders && <DerGlyphs ders={data.ders} />}
      <Handle type="source" position={Position.Right} className="bus-handle" />
    </div>
  );
});

function LineEdge({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data, selected }: EdgeProps<Edge<LineEdgeData>>) {
  const [path] = getSmoothStepPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, borderRadius: 0 });
  return (
    <g className="line-edge">
      <BaseEdge path={path} style={{ stroke: data?.colour, strokeWidth: (data?.width ?? 2) + (selected ? 2 : 0) }} />
      <path d={path} className="line-hit" fill="none" stroke="transparent" strokeWidth={12}>
        <title>{data?.tip}</title>
      </path>
    </g>
  );
}

/**
 * Hover values in a fixed corner box (a tooltip beside a bus at the diagram's
 * edge would be clipped). Its own tiny store, so hovering re-renders only the box.
 */
const useReadout = create<{ lines: string[] | null }>(() => ({ lines: null }));
const showNodeReadout = (_: unknown, n: Node<BusNodeData>) => useReadout.setState({ lines: n.data.tip });
const showEdgeReadout = (_: unknown, e: Edge<LineEdgeData>) => useReadout.setState({ lines: e.data?.tip.split('\n') ?? null });
const clearReadout = () => useReadout.setState({ lines: null });

function HoverReadout() {
  const lines = useReadout((s) => s.lines);
  if (!lines) return null;
  return (
    <div className="hover-readout" data-testid="hover-readout">
      {lines.map((t, i) => (
        <div key={i} className={i === 0 ? 'readout-title' : undefined}>
          {t}
        </div>
      ))}
    </div>
  );
}

const nodeTypes = { bus: BusNode };
const edgeTypes = { line: LineEdge };

export function OneLineDiagram() {
  const network = useDocument((s) => s.scenario.network);
  const selectedBus = useSession((s) => s.selectedBus);
  const selectedLine = useSession((s) => s.selectedLine);
  const pf = usePowerflowPeriod();
  const generation = useDocument((s) => s.generation);
  const [dragging, setDragging] = useState<Map<string, { x: number; y: number }>>(new Map());
  const vmin = Math.min(...network.buses.map((b) => b.vminPu ?? 0.95));
  const opf = useOpfDiagramColouring(vmin);
  const ders = useMemo(() => dersByBus(network.der), [network.der]);

  const layout = useMemo(() => feederLayout(network.buses, network.lines ?? [], network.substation.busId), [network.buses, network.lines, network.substation.busId]);

  const nodes = useMemo<Node<BusNodeData>[]>(() => {
    const volts = new Map(pf?.period.buses.map((b) => [b.id, b]) ?? []);
    return network.buses.map((b) => {
      const v = volts.get(b.id);
      const pos = dragging.get(b.id) ?? layout.get(b.id) ?? { x: 0, y: 0 };
      const tip = [`Bus ${b.id}${b.name ? ` · ${b.name}` : ''}`, `load ${b.pdKw ?? 0} kW / ${b.qdKvar ?? 0} kvar`];
      if (v) tip.push(`V ${fmt(v.vmPu)} p.u. ∠ ${fmt(v.vaDeg, 3)}°`);
      const o = opf?.bus.get(b.id);
      return {
        id: b.id,
        type: 'bus',
        position: pos,
        selected: b.id === selectedBus,
        data: {
          label: b.id,
          colour: o?.colour ?? (v ? voltageColour(v.vmPu, vmin) : null),
          slack: b.id === network.substation.busId,
          tip: o ? [tip[0]!, ...o.tip] : tip,
          ders: ders.get(b.id),
        },
      };
    });
  }, [network.buses, network.substation.busId, layout, dragging, pf, opf, ders, selectedBus, vmin]);

  const edges = useMemo<Edge<LineEdgeData>[]>(() => {
    const flows = new Map(pf?.period.lines.map((l) => [l.id, l]) ?? []);
    return (network.lines ?? []).map((l) => {
      const f = flows.get(l.id);
      const o = opf?.line.get(l.id);
      const out = l.inService === false;
      const tip = f
        ? `Line ${l.id}: ${l.from} → ${l.to}\nP ${f.pKw.toFixed(1)} kW, Q ${f.qKvar.toFixed(1)} kvar\nI ${f.iA.toFixed(1)} A, loss ${f.lossKw.toFixed(2)} kW${f.loadingPct !== null ? `\nloading ${f.loadingPct.toFixed(1)} %` : ''}`
        : `Line ${l.id}: ${l.from} → ${l.to}\nR ${l.rOhm} Ω, X ${l.xOhm} Ω${out ? '\nout of service' : ''}`;
      return {
        id: `line:${l.id}`,
        source: l.from,
        target: l.to,
        type: 'line',
        selected: l.id === selectedLine,
        className: out ? 'out-of-service' : undefined,
        data: o ?? { colour: f ? loadingColour(f.loadingPct) : '#8a929c', width: f && f.loadingPct !== null ? 1.5 + Math.min(f.loadingPct, 120) / 30 : 2, tip },
      };
    });
  }, [network.lines, pf, opf, selectedLine]);

  const onNodesChange = useCallback((changes: NodeChange<Node<BusNodeData>>[]) => {
    for (const c of changes) {
      if (c.type === 'position' && c.position) setDragging((m) => new Map(m).set(c.id, c.position!));
      if (c.type === 'select' && c.selected) useSession.getState().set({ selectedBus: c.id });
    }
  }, []);

  const onDragStop = useCallback(() => {
    setDragging((m) => {
      if (m.size) moveBuses(m);
      return new Map();
    });
  }, []);

  return (
    <div className="diagram" data-testid="one-line-diagram">
      {/* remounted per loaded document so fitView frames the new feeder; afterwards the viewport is the user's */}
      <ReactFlow
        key={generation}
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onNodeDragStop={onDragStop}
        onEdgeClick={(_, e) => useSession.getState().set({ selectedLine: e.id.slice(5) })}
        onNodeMouseEnter={showNodeReadout}
        onNodeMouseLeave={clearReadout}
        onEdgeMouseEnter={showEdgeReadout}
        onEdgeMouseLeave={clearReadout}
        nodesConnectable={false}
        fitView
        fitViewOptions={{ padding: 0.08 }}
        minZoom={0.1}
        maxZoom={4}
        proOptions={{ hideAttribution: true }}
      >
        <Background gap={24} size={1} color="#e3e6ea" />
        <Controls showInteractive={false} position="bottom-left" />
      </ReactFlow>
      <HoverReadout />
      <div className="diagram-overlay">
        {opf ? (
          <div className="legend" data-testid="opf-legend">
            <div className="legend-title">
              {opf.legend.title}
              {opf.legend.stale && <span className="stale"> (stale)</span>}
            </div>
            <div className="legend-bar" style={{ background: opf.legend.gradient }} />
            <div className="legend-ticks">
              {opf.legend.ticks.map((t, i) => (
                <span key={i}>{t}</span>
              ))}
            </div>
            <LineLoadingKey />
          </div>
        ) : pf ? (
          <div className="legend" data-testid="voltage-legend">
            <div className="legend-title">
              Bus voltage, p.u.{pf.data.T > 1 ? ` · period ${pf.period.t + 1}` : ''}
              {pf.stale && <span className="stale"> (stale)</span>}
            </div>
            <div className="legend-bar" style={{ background: voltageGradient(vmin) }} />
            <div className="legend-ticks">
              <span>{vmin.toFixed(2)}</span>
              <span>1.00</span>
              <span>{VOLTAGE_TOP.toFixed(2)}</span>
            </div>
            <LineLoadingKey />
          </div>
        ) : (
          <div className="legend muted">Run the power flow to colour the feeder by voltage.</div>
        )}
        <button className="small-button" onClick={resetLayout} title="Forget dragged positions">
          Auto layout
        </button>
      </div>
    </div>
  );
}

function LineLoadingKey() {
  return (
    <div className="legend-lines">
      Line loading
      <span style={{ background: loadingColour(50) }} /> &lt;60 %
      <span style={{ background: loadingColour(85) }} /> 85 %
      <span style={{ background: loadingColour(100) }} /> ≥100 %
    </div>
  );
}
