// Placeholder for the 3-D view.
export default function FlowView() {
  return <div className="flow-view" />;
}
