"""Chart templates as Altair builds them (jixiao/site/charts.py), stored so a build need not import it.

Generated: ``python -c "from jixiao.site import charts; charts.write_stored_specs()"``; do not edit.
tests/test_chart_specs.py fails when this differs from what Altair builds.
"""

# ruff: noqa: E501

import json

TEMPLATES: dict[str, dict] = json.loads(
    r"""
{
 "[\"rows\", [\"全年预算数\", \"实际支出数\", \"得分\"]]": {
  "$schema": "https://vega.github.io/schema/vega-lite/v6.4.1.json",
  "config": {
   "axis": {
    "labelFontSize": 12,
    "labelLimit": 0,
    "titleFontSize": 12
   },
   "font": "Noto Sans CJK SC, Source Han Sans SC, PingFang SC, Microsoft YaHei, sans-serif",
   "legend": {
    "labelFontSize": 12,
    "orient": "top",
    "title": null
   },
   "view": {
    "continuousHeight": 300,
    "continuousWidth": 300,
    "stroke": null
   }
  },
  "data": {
   "values": []
  },
  "height": {
   "step": 18
  },
  "layer": [
   {
    "encoding": {
     "color": {
      "field": "s",
      "legend": {
       "columns": 2,
       "direction": "horizontal",
       "labelLimit": 0,
       "orient": "top",
       "symbolType": "square",
       "values": [
        "全年预算数",
        "实际支出数"
       ]
      },
      "scale": {
       "domain": [
        "全年预算数",
        "实际支出数",
        "得分"
       ],
       "range": [
        "#8fb0d6",
        "#1f4e8c",
        "#1f4e8c"
       ]
      },
      "title": null,
      "type": "nominal"
     },
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "height": {
      "band": 1
     },
     "type": "bar"
    },
    "transform": [
     {
      "filter": "(datum.k === 'bar')"
     }
    ]
   },
   {
    "encoding": {
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "aria": false,
     "color": "#1b1f24",
     "orient": "vertical",
     "size": 16,
     "thickness": 2,
     "type": "tick"
    },
    "transform": [
     {
      "filter": "(datum.k === 'ref')"
     }
    ]
   },
   {
    "encoding": {
     "text": {
      "field": "t",
      "type": "nominal"
     },
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "align": "left",
     "aria": false,
     "baseline": "middle",
     "color": "#1b1f24",
     "dx": 4,
     "fontSize": 11,
     "limit": 0,
     "type": "text"
    },
    "transform": [
     {
      "filter": "(datum.k === 'value')"
     }
    ]
   },
   {
    "encoding": {
     "text": {
      "field": "t",
      "type": "nominal"
     },
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "align": "left",
     "aria": false,
     "baseline": "middle",
     "color": "#1b1f24",
     "fontSize": 12,
     "limit": 0,
     "type": "text"
    },
    "transform": [
     {
      "filter": "(datum.k === 'label')"
     }
    ]
   },
   {
    "encoding": {
     "text": {
      "field": "t",
      "type": "nominal"
     },
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "align": "left",
     "aria": false,
     "baseline": "middle",
     "color": "#1b1f24",
     "fontSize": 13,
     "fontWeight": "bold",
     "limit": 0,
     "type": "text"
    },
    "transform": [
     {
      "filter": "(datum.k === 'head')"
     }
    ]
   }
  ],
  "padding": {
   "bottom": 5,
   "left": 2,
   "right": 2,
   "top": 5
  },
  "width": "container"
 },
 "[\"rows\", [\"全年预算数\", \"实际支出数\", \"执行率\", \"得分\"]]": {
  "$schema": "https://vega.github.io/schema/vega-lite/v6.4.1.json",
  "config": {
   "axis": {
    "labelFontSize": 12,
    "labelLimit": 0,
    "titleFontSize": 12
   },
   "font": "Noto Sans CJK SC, Source Han Sans SC, PingFang SC, Microsoft YaHei, sans-serif",
   "legend": {
    "labelFontSize": 12,
    "orient": "top",
    "title": null
   },
   "view": {
    "continuousHeight": 300,
    "continuousWidth": 300,
    "stroke": null
   }
  },
  "data": {
   "values": []
  },
  "height": {
   "step": 18
  },
  "layer": [
   {
    "encoding": {
     "color": {
      "field": "s",
      "legend": {
       "columns": 2,
       "direction": "horizontal",
       "labelLimit": 0,
       "orient": "top",
       "symbolType": "square",
       "values": [
        "全年预算数",
        "实际支出数"
       ]
      },
      "scale": {
       "domain": [
        "全年预算数",
        "实际支出数",
        "执行率",
        "得分"
       ],
       "range": [
        "#8fb0d6",
        "#1f4e8c",
        "#1f4e8c",
        "#1f4e8c"
       ]
      },
      "title": null,
      "type": "nominal"
     },
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "height": {
      "band": 1
     },
     "type": "bar"
    },
    "transform": [
     {
      "filter": "(datum.k === 'bar')"
     }
    ]
   },
   {
    "encoding": {
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "aria": false,
     "color": "#1b1f24",
     "orient": "vertical",
     "size": 16,
     "thickness": 2,
     "type": "tick"
    },
    "transform": [
     {
      "filter": "(datum.k === 'ref')"
     }
    ]
   },
   {
    "encoding": {
     "text": {
      "field": "t",
      "type": "nominal"
     },
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "align": "left",
     "aria": false,
     "baseline": "middle",
     "color": "#1b1f24",
     "dx": 4,
     "fontSize": 11,
     "limit": 0,
     "type": "text"
    },
    "transform": [
     {
      "filter": "(datum.k === 'value')"
     }
    ]
   },
   {
    "encoding": {
     "text": {
      "field": "t",
      "type": "nominal"
     },
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "align": "left",
     "aria": false,
     "baseline": "middle",
     "color": "#1b1f24",
     "fontSize": 12,
     "limit": 0,
     "type": "text"
    },
    "transform": [
     {
      "filter": "(datum.k === 'label')"
     }
    ]
   },
   {
    "encoding": {
     "text": {
      "field": "t",
      "type": "nominal"
     },
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "align": "left",
     "aria": false,
     "baseline": "middle",
     "color": "#1b1f24",
     "fontSize": 13,
     "fontWeight": "bold",
     "limit": 0,
     "type": "text"
    },
    "transform": [
     {
      "filter": "(datum.k === 'head')"
     }
    ]
   }
  ],
  "padding": {
   "bottom": 5,
   "left": 2,
   "right": 2,
   "top": 5
  },
  "width": "container"
 },
 "[\"rows\", [\"全年预算数\", \"实际支出数\", \"执行率\", \"超出预算\", \"得分\"]]": {
  "$schema": "https://vega.github.io/schema/vega-lite/v6.4.1.json",
  "config": {
   "axis": {
    "labelFontSize": 12,
    "labelLimit": 0,
    "titleFontSize": 12
   },
   "font": "Noto Sans CJK SC, Source Han Sans SC, PingFang SC, Microsoft YaHei, sans-serif",
   "legend": {
    "labelFontSize": 12,
    "orient": "top",
    "title": null
   },
   "view": {
    "continuousHeight": 300,
    "continuousWidth": 300,
    "stroke": null
   }
  },
  "data": {
   "values": []
  },
  "height": {
   "step": 18
  },
  "layer": [
   {
    "encoding": {
     "color": {
      "field": "s",
      "legend": {
       "columns": 2,
       "direction": "horizontal",
       "labelLimit": 0,
       "orient": "top",
       "symbolType": "square",
       "values": [
        "全年预算数",
        "实际支出数",
        "超出预算"
       ]
      },
      "scale": {
       "domain": [
        "全年预算数",
        "实际支出数",
        "执行率",
        "超出预算",
        "得分"
       ],
       "range": [
        "#8fb0d6",
        "#1f4e8c",
        "#1f4e8c",
        "#c2410c",
        "#1f4e8c"
       ]
      },
      "title": null,
      "type": "nominal"
     },
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "height": {
      "band": 1
     },
     "type": "bar"
    },
    "transform": [
     {
      "filter": "(datum.k === 'bar')"
     }
    ]
   },
   {
    "encoding": {
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "aria": false,
     "color": "#1b1f24",
     "orient": "vertical",
     "size": 16,
     "thickness": 2,
     "type": "tick"
    },
    "transform": [
     {
      "filter": "(datum.k === 'ref')"
     }
    ]
   },
   {
    "encoding": {
     "text": {
      "field": "t",
      "type": "nominal"
     },
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "align": "left",
     "aria": false,
     "baseline": "middle",
     "color": "#1b1f24",
     "dx": 4,
     "fontSize": 11,
     "limit": 0,
     "type": "text"
    },
    "transform": [
     {
      "filter": "(datum.k === 'value')"
     }
    ]
   },
   {
    "encoding": {
     "text": {
      "field": "t",
      "type": "nominal"
     },
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "align": "left",
     "aria": false,
     "baseline": "middle",
     "color": "#1b1f24",
     "fontSize": 12,
     "limit": 0,
     "type": "text"
    },
    "transform": [
     {
      "filter": "(datum.k === 'label')"
     }
    ]
   },
   {
    "encoding": {
     "text": {
      "field": "t",
      "type": "nominal"
     },
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "align": "left",
     "aria": false,
     "baseline": "middle",
     "color": "#1b1f24",
     "fontSize": 13,
     "fontWeight": "bold",
     "limit": 0,
     "type": "text"
    },
    "transform": [
     {
      "filter": "(datum.k === 'head')"
     }
    ]
   }
  ],
  "padding": {
   "bottom": 5,
   "left": 2,
   "right": 2,
   "top": 5
  },
  "width": "container"
 },
 "[\"rows\", [\"全年预算数\", \"实际支出数\", \"执行率\", \"超出预算\"]]": {
  "$schema": "https://vega.github.io/schema/vega-lite/v6.4.1.json",
  "config": {
   "axis": {
    "labelFontSize": 12,
    "labelLimit": 0,
    "titleFontSize": 12
   },
   "font": "Noto Sans CJK SC, Source Han Sans SC, PingFang SC, Microsoft YaHei, sans-serif",
   "legend": {
    "labelFontSize": 12,
    "orient": "top",
    "title": null
   },
   "view": {
    "continuousHeight": 300,
    "continuousWidth": 300,
    "stroke": null
   }
  },
  "data": {
   "values": []
  },
  "height": {
   "step": 18
  },
  "layer": [
   {
    "encoding": {
     "color": {
      "field": "s",
      "legend": {
       "columns": 2,
       "direction": "horizontal",
       "labelLimit": 0,
       "orient": "top",
       "symbolType": "square",
       "values": [
        "全年预算数",
        "实际支出数",
        "超出预算"
       ]
      },
      "scale": {
       "domain": [
        "全年预算数",
        "实际支出数",
        "执行率",
        "超出预算"
       ],
       "range": [
        "#8fb0d6",
        "#1f4e8c",
        "#1f4e8c",
        "#c2410c"
       ]
      },
      "title": null,
      "type": "nominal"
     },
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "height": {
      "band": 1
     },
     "type": "bar"
    },
    "transform": [
     {
      "filter": "(datum.k === 'bar')"
     }
    ]
   },
   {
    "encoding": {
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "aria": false,
     "color": "#1b1f24",
     "orient": "vertical",
     "size": 16,
     "thickness": 2,
     "type": "tick"
    },
    "transform": [
     {
      "filter": "(datum.k === 'ref')"
     }
    ]
   },
   {
    "encoding": {
     "text": {
      "field": "t",
      "type": "nominal"
     },
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "align": "left",
     "aria": false,
     "baseline": "middle",
     "color": "#1b1f24",
     "dx": 4,
     "fontSize": 11,
     "limit": 0,
     "type": "text"
    },
    "transform": [
     {
      "filter": "(datum.k === 'value')"
     }
    ]
   },
   {
    "encoding": {
     "text": {
      "field": "t",
      "type": "nominal"
     },
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "align": "left",
     "aria": false,
     "baseline": "middle",
     "color": "#1b1f24",
     "fontSize": 12,
     "limit": 0,
     "type": "text"
    },
    "transform": [
     {
      "filter": "(datum.k === 'label')"
     }
    ]
   },
   {
    "encoding": {
     "text": {
      "field": "t",
      "type": "nominal"
     },
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "align": "left",
     "aria": false,
     "baseline": "middle",
     "color": "#1b1f24",
     "fontSize": 13,
     "fontWeight": "bold",
     "limit": 0,
     "type": "text"
    },
    "transform": [
     {
      "filter": "(datum.k === 'head')"
     }
    ]
   }
  ],
  "padding": {
   "bottom": 5,
   "left": 2,
   "right": 2,
   "top": 5
  },
  "width": "container"
 },
 "[\"rows\", [\"全年预算数\", \"实际支出数\", \"执行率\"]]": {
  "$schema": "https://vega.github.io/schema/vega-lite/v6.4.1.json",
  "config": {
   "axis": {
    "labelFontSize": 12,
    "labelLimit": 0,
    "titleFontSize": 12
   },
   "font": "Noto Sans CJK SC, Source Han Sans SC, PingFang SC, Microsoft YaHei, sans-serif",
   "legend": {
    "labelFontSize": 12,
    "orient": "top",
    "title": null
   },
   "view": {
    "continuousHeight": 300,
    "continuousWidth": 300,
    "stroke": null
   }
  },
  "data": {
   "values": []
  },
  "height": {
   "step": 18
  },
  "layer": [
   {
    "encoding": {
     "color": {
      "field": "s",
      "legend": {
       "columns": 2,
       "direction": "horizontal",
       "labelLimit": 0,
       "orient": "top",
       "symbolType": "square",
       "values": [
        "全年预算数",
        "实际支出数"
       ]
      },
      "scale": {
       "domain": [
        "全年预算数",
        "实际支出数",
        "执行率"
       ],
       "range": [
        "#8fb0d6",
        "#1f4e8c",
        "#1f4e8c"
       ]
      },
      "title": null,
      "type": "nominal"
     },
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "height": {
      "band": 1
     },
     "type": "bar"
    },
    "transform": [
     {
      "filter": "(datum.k === 'bar')"
     }
    ]
   },
   {
    "encoding": {
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "aria": false,
     "color": "#1b1f24",
     "orient": "vertical",
     "size": 16,
     "thickness": 2,
     "type": "tick"
    },
    "transform": [
     {
      "filter": "(datum.k === 'ref')"
     }
    ]
   },
   {
    "encoding": {
     "text": {
      "field": "t",
      "type": "nominal"
     },
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "align": "left",
     "aria": false,
     "baseline": "middle",
     "color": "#1b1f24",
     "dx": 4,
     "fontSize": 11,
     "limit": 0,
     "type": "text"
    },
    "transform": [
     {
      "filter": "(datum.k === 'value')"
     }
    ]
   },
   {
    "encoding": {
     "text": {
      "field": "t",
      "type": "nominal"
     },
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "align": "left",
     "aria": false,
     "baseline": "middle",
     "color": "#1b1f24",
     "fontSize": 12,
     "limit": 0,
     "type": "text"
    },
    "transform": [
     {
      "filter": "(datum.k === 'label')"
     }
    ]
   },
   {
    "encoding": {
     "text": {
      "field": "t",
      "type": "nominal"
     },
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "align": "left",
     "aria": false,
     "baseline": "middle",
     "color": "#1b1f24",
     "fontSize": 13,
     "fontWeight": "bold",
     "limit": 0,
     "type": "text"
    },
    "transform": [
     {
      "filter": "(datum.k === 'head')"
     }
    ]
   }
  ],
  "padding": {
   "bottom": 5,
   "left": 2,
   "right": 2,
   "top": 5
  },
  "width": "container"
 },
 "[\"rows\", [\"全年预算数\", \"实际支出数\", \"超出预算\", \"得分\"]]": {
  "$schema": "https://vega.github.io/schema/vega-lite/v6.4.1.json",
  "config": {
   "axis": {
    "labelFontSize": 12,
    "labelLimit": 0,
    "titleFontSize": 12
   },
   "font": "Noto Sans CJK SC, Source Han Sans SC, PingFang SC, Microsoft YaHei, sans-serif",
   "legend": {
    "labelFontSize": 12,
    "orient": "top",
    "title": null
   },
   "view": {
    "continuousHeight": 300,
    "continuousWidth": 300,
    "stroke": null
   }
  },
  "data": {
   "values": []
  },
  "height": {
   "step": 18
  },
  "layer": [
   {
    "encoding": {
     "color": {
      "field": "s",
      "legend": {
       "columns": 2,
       "direction": "horizontal",
       "labelLimit": 0,
       "orient": "top",
       "symbolType": "square",
       "values": [
        "全年预算数",
        "实际支出数",
        "超出预算"
       ]
      },
      "scale": {
       "domain": [
        "全年预算数",
        "实际支出数",
        "超出预算",
        "得分"
       ],
       "range": [
        "#8fb0d6",
        "#1f4e8c",
        "#c2410c",
        "#1f4e8c"
       ]
      },
      "title": null,
      "type": "nominal"
     },
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "height": {
      "band": 1
     },
     "type": "bar"
    },
    "transform": [
     {
      "filter": "(datum.k === 'bar')"
     }
    ]
   },
   {
    "encoding": {
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "aria": false,
     "color": "#1b1f24",
     "orient": "vertical",
     "size": 16,
     "thickness": 2,
     "type": "tick"
    },
    "transform": [
     {
      "filter": "(datum.k === 'ref')"
     }
    ]
   },
   {
    "encoding": {
     "text": {
      "field": "t",
      "type": "nominal"
     },
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "align": "left",
     "aria": false,
     "baseline": "middle",
     "color": "#1b1f24",
     "dx": 4,
     "fontSize": 11,
     "limit": 0,
     "type": "text"
    },
    "transform": [
     {
      "filter": "(datum.k === 'value')"
     }
    ]
   },
   {
    "encoding": {
     "text": {
      "field": "t",
      "type": "nominal"
     },
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "align": "left",
     "aria": false,
     "baseline": "middle",
     "color": "#1b1f24",
     "fontSize": 12,
     "limit": 0,
     "type": "text"
    },
    "transform": [
     {
      "filter": "(datum.k === 'label')"
     }
    ]
   },
   {
    "encoding": {
     "text": {
      "field": "t",
      "type": "nominal"
     },
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "align": "left",
     "aria": false,
     "baseline": "middle",
     "color": "#1b1f24",
     "fontSize": 13,
     "fontWeight": "bold",
     "limit": 0,
     "type": "text"
    },
    "transform": [
     {
      "filter": "(datum.k === 'head')"
     }
    ]
   }
  ],
  "padding": {
   "bottom": 5,
   "left": 2,
   "right": 2,
   "top": 5
  },
  "width": "container"
 },
 "[\"rows\", [\"全年预算数\", \"实际支出数\", \"超出预算\"]]": {
  "$schema": "https://vega.github.io/schema/vega-lite/v6.4.1.json",
  "config": {
   "axis": {
    "labelFontSize": 12,
    "labelLimit": 0,
    "titleFontSize": 12
   },
   "font": "Noto Sans CJK SC, Source Han Sans SC, PingFang SC, Microsoft YaHei, sans-serif",
   "legend": {
    "labelFontSize": 12,
    "orient": "top",
    "title": null
   },
   "view": {
    "continuousHeight": 300,
    "continuousWidth": 300,
    "stroke": null
   }
  },
  "data": {
   "values": []
  },
  "height": {
   "step": 18
  },
  "layer": [
   {
    "encoding": {
     "color": {
      "field": "s",
      "legend": {
       "columns": 2,
       "direction": "horizontal",
       "labelLimit": 0,
       "orient": "top",
       "symbolType": "square",
       "values": [
        "全年预算数",
        "实际支出数",
        "超出预算"
       ]
      },
      "scale": {
       "domain": [
        "全年预算数",
        "实际支出数",
        "超出预算"
       ],
       "range": [
        "#8fb0d6",
        "#1f4e8c",
        "#c2410c"
       ]
      },
      "title": null,
      "type": "nominal"
     },
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "height": {
      "band": 1
     },
     "type": "bar"
    },
    "transform": [
     {
      "filter": "(datum.k === 'bar')"
     }
    ]
   },
   {
    "encoding": {
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "aria": false,
     "color": "#1b1f24",
     "orient": "vertical",
     "size": 16,
     "thickness": 2,
     "type": "tick"
    },
    "transform": [
     {
      "filter": "(datum.k === 'ref')"
     }
    ]
   },
   {
    "encoding": {
     "text": {
      "field": "t",
      "type": "nominal"
     },
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "align": "left",
     "aria": false,
     "baseline": "middle",
     "color": "#1b1f24",
     "dx": 4,
     "fontSize": 11,
     "limit": 0,
     "type": "text"
    },
    "transform": [
     {
      "filter": "(datum.k === 'value')"
     }
    ]
   },
   {
    "encoding": {
     "text": {
      "field": "t",
      "type": "nominal"
     },
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "align": "left",
     "aria": false,
     "baseline": "middle",
     "color": "#1b1f24",
     "fontSize": 12,
     "limit": 0,
     "type": "text"
    },
    "transform": [
     {
      "filter": "(datum.k === 'label')"
     }
    ]
   },
   {
    "encoding": {
     "text": {
      "field": "t",
      "type": "nominal"
     },
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "align": "left",
     "aria": false,
     "baseline": "middle",
     "color": "#1b1f24",
     "fontSize": 13,
     "fontWeight": "bold",
     "limit": 0,
     "type": "text"
    },
    "transform": [
     {
      "filter": "(datum.k === 'head')"
     }
    ]
   }
  ],
  "padding": {
   "bottom": 5,
   "left": 2,
   "right": 2,
   "top": 5
  },
  "width": "container"
 },
 "[\"rows\", [\"全年预算数\", \"实际支出数\"]]": {
  "$schema": "https://vega.github.io/schema/vega-lite/v6.4.1.json",
  "config": {
   "axis": {
    "labelFontSize": 12,
    "labelLimit": 0,
    "titleFontSize": 12
   },
   "font": "Noto Sans CJK SC, Source Han Sans SC, PingFang SC, Microsoft YaHei, sans-serif",
   "legend": {
    "labelFontSize": 12,
    "orient": "top",
    "title": null
   },
   "view": {
    "continuousHeight": 300,
    "continuousWidth": 300,
    "stroke": null
   }
  },
  "data": {
   "values": []
  },
  "height": {
   "step": 18
  },
  "layer": [
   {
    "encoding": {
     "color": {
      "field": "s",
      "legend": {
       "columns": 2,
       "direction": "horizontal",
       "labelLimit": 0,
       "orient": "top",
       "symbolType": "square",
       "values": [
        "全年预算数",
        "实际支出数"
       ]
      },
      "scale": {
       "domain": [
        "全年预算数",
        "实际支出数"
       ],
       "range": [
        "#8fb0d6",
        "#1f4e8c"
       ]
      },
      "title": null,
      "type": "nominal"
     },
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "height": {
      "band": 1
     },
     "type": "bar"
    },
    "transform": [
     {
      "filter": "(datum.k === 'bar')"
     }
    ]
   },
   {
    "encoding": {
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "aria": false,
     "color": "#1b1f24",
     "orient": "vertical",
     "size": 16,
     "thickness": 2,
     "type": "tick"
    },
    "transform": [
     {
      "filter": "(datum.k === 'ref')"
     }
    ]
   },
   {
    "encoding": {
     "text": {
      "field": "t",
      "type": "nominal"
     },
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "align": "left",
     "aria": false,
     "baseline": "middle",
     "color": "#1b1f24",
     "dx": 4,
     "fontSize": 11,
     "limit": 0,
     "type": "text"
    },
    "transform": [
     {
      "filter": "(datum.k === 'value')"
     }
    ]
   },
   {
    "encoding": {
     "text": {
      "field": "t",
      "type": "nominal"
     },
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "align": "left",
     "aria": false,
     "baseline": "middle",
     "color": "#1b1f24",
     "fontSize": 12,
     "limit": 0,
     "type": "text"
    },
    "transform": [
     {
      "filter": "(datum.k === 'label')"
     }
    ]
   },
   {
    "encoding": {
     "text": {
      "field": "t",
      "type": "nominal"
     },
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "align": "left",
     "aria": false,
     "baseline": "middle",
     "color": "#1b1f24",
     "fontSize": 13,
     "fontWeight": "bold",
     "limit": 0,
     "type": "text"
    },
    "transform": [
     {
      "filter": "(datum.k === 'head')"
     }
    ]
   }
  ],
  "padding": {
   "bottom": 5,
   "left": 2,
   "right": 2,
   "top": 5
  },
  "width": "container"
 },
 "[\"rows\", [\"全年预算数\", \"得分\"]]": {
  "$schema": "https://vega.github.io/schema/vega-lite/v6.4.1.json",
  "config": {
   "axis": {
    "labelFontSize": 12,
    "labelLimit": 0,
    "titleFontSize": 12
   },
   "font": "Noto Sans CJK SC, Source Han Sans SC, PingFang SC, Microsoft YaHei, sans-serif",
   "legend": {
    "labelFontSize": 12,
    "orient": "top",
    "title": null
   },
   "view": {
    "continuousHeight": 300,
    "continuousWidth": 300,
    "stroke": null
   }
  },
  "data": {
   "values": []
  },
  "height": {
   "step": 18
  },
  "layer": [
   {
    "encoding": {
     "color": {
      "field": "s",
      "legend": {
       "columns": 2,
       "direction": "horizontal",
       "labelLimit": 0,
       "orient": "top",
       "symbolType": "square",
       "values": [
        "全年预算数",
        "得分"
       ]
      },
      "scale": {
       "domain": [
        "全年预算数",
        "得分"
       ],
       "range": [
        "#8fb0d6",
        "#1f4e8c"
       ]
      },
      "title": null,
      "type": "nominal"
     },
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "height": {
      "band": 1
     },
     "type": "bar"
    },
    "transform": [
     {
      "filter": "(datum.k === 'bar')"
     }
    ]
   },
   {
    "encoding": {
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "aria": false,
     "color": "#1b1f24",
     "orient": "vertical",
     "size": 16,
     "thickness": 2,
     "type": "tick"
    },
    "transform": [
     {
      "filter": "(datum.k === 'ref')"
     }
    ]
   },
   {
    "encoding": {
     "text": {
      "field": "t",
      "type": "nominal"
     },
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "align": "left",
     "aria": false,
     "baseline": "middle",
     "color": "#1b1f24",
     "dx": 4,
     "fontSize": 11,
     "limit": 0,
     "type": "text"
    },
    "transform": [
     {
      "filter": "(datum.k === 'value')"
     }
    ]
   },
   {
    "encoding": {
     "text": {
      "field": "t",
      "type": "nominal"
     },
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "align": "left",
     "aria": false,
     "baseline": "middle",
     "color": "#1b1f24",
     "fontSize": 12,
     "limit": 0,
     "type": "text"
    },
    "transform": [
     {
      "filter": "(datum.k === 'label')"
     }
    ]
   },
   {
    "encoding": {
     "text": {
      "field": "t",
      "type": "nominal"
     },
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "align": "left",
     "aria": false,
     "baseline": "middle",
     "color": "#1b1f24",
     "fontSize": 13,
     "fontWeight": "bold",
     "limit": 0,
     "type": "text"
    },
    "transform": [
     {
      "filter": "(datum.k === 'head')"
     }
    ]
   }
  ],
  "padding": {
   "bottom": 5,
   "left": 2,
   "right": 2,
   "top": 5
  },
  "width": "container"
 },
 "[\"rows\", [\"全年预算数\", \"执行率\", \"得分\"]]": {
  "$schema": "https://vega.github.io/schema/vega-lite/v6.4.1.json",
  "config": {
   "axis": {
    "labelFontSize": 12,
    "labelLimit": 0,
    "titleFontSize": 12
   },
   "font": "Noto Sans CJK SC, Source Han Sans SC, PingFang SC, Microsoft YaHei, sans-serif",
   "legend": {
    "labelFontSize": 12,
    "orient": "top",
    "title": null
   },
   "view": {
    "continuousHeight": 300,
    "continuousWidth": 300,
    "stroke": null
   }
  },
  "data": {
   "values": []
  },
  "height": {
   "step": 18
  },
  "layer": [
   {
    "encoding": {
     "color": {
      "field": "s",
      "legend": {
       "columns": 2,
       "direction": "horizontal",
       "labelLimit": 0,
       "orient": "top",
       "symbolType": "square",
       "values": [
        "全年预算数",
        "执行率"
       ]
      },
      "scale": {
       "domain": [
        "全年预算数",
        "执行率",
        "得分"
       ],
       "range": [
        "#8fb0d6",
        "#1f4e8c",
        "#1f4e8c"
       ]
      },
      "title": null,
      "type": "nominal"
     },
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "height": {
      "band": 1
     },
     "type": "bar"
    },
    "transform": [
     {
      "filter": "(datum.k === 'bar')"
     }
    ]
   },
   {
    "encoding": {
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "aria": false,
     "color": "#1b1f24",
     "orient": "vertical",
     "size": 16,
     "thickness": 2,
     "type": "tick"
    },
    "transform": [
     {
      "filter": "(datum.k === 'ref')"
     }
    ]
   },
   {
    "encoding": {
     "text": {
      "field": "t",
      "type": "nominal"
     },
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "align": "left",
     "aria": false,
     "baseline": "middle",
     "color": "#1b1f24",
     "dx": 4,
     "fontSize": 11,
     "limit": 0,
     "type": "text"
    },
    "transform": [
     {
      "filter": "(datum.k === 'value')"
     }
    ]
   },
   {
    "encoding": {
     "text": {
      "field": "t",
      "type": "nominal"
     },
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "align": "left",
     "aria": false,
     "baseline": "middle",
     "color": "#1b1f24",
     "fontSize": 12,
     "limit": 0,
     "type": "text"
    },
    "transform": [
     {
      "filter": "(datum.k === 'label')"
     }
    ]
   },
   {
    "encoding": {
     "text": {
      "field": "t",
      "type": "nominal"
     },
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "align": "left",
     "aria": false,
     "baseline": "middle",
     "color": "#1b1f24",
     "fontSize": 13,
     "fontWeight": "bold",
     "limit": 0,
     "type": "text"
    },
    "transform": [
     {
      "filter": "(datum.k === 'head')"
     }
    ]
   }
  ],
  "padding": {
   "bottom": 5,
   "left": 2,
   "right": 2,
   "top": 5
  },
  "width": "container"
 },
 "[\"rows\", [\"全年预算数\", \"执行率\", \"超出预算\", \"得分\"]]": {
  "$schema": "https://vega.github.io/schema/vega-lite/v6.4.1.json",
  "config": {
   "axis": {
    "labelFontSize": 12,
    "labelLimit": 0,
    "titleFontSize": 12
   },
   "font": "Noto Sans CJK SC, Source Han Sans SC, PingFang SC, Microsoft YaHei, sans-serif",
   "legend": {
    "labelFontSize": 12,
    "orient": "top",
    "title": null
   },
   "view": {
    "continuousHeight": 300,
    "continuousWidth": 300,
    "stroke": null
   }
  },
  "data": {
   "values": []
  },
  "height": {
   "step": 18
  },
  "layer": [
   {
    "encoding": {
     "color": {
      "field": "s",
      "legend": {
       "columns": 2,
       "direction": "horizontal",
       "labelLimit": 0,
       "orient": "top",
       "symbolType": "square",
       "values": [
        "全年预算数",
        "执行率",
        "超出预算"
       ]
      },
      "scale": {
       "domain": [
        "全年预算数",
        "执行率",
        "超出预算",
        "得分"
       ],
       "range": [
        "#8fb0d6",
        "#1f4e8c",
        "#c2410c",
        "#1f4e8c"
       ]
      },
      "title": null,
      "type": "nominal"
     },
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "height": {
      "band": 1
     },
     "type": "bar"
    },
    "transform": [
     {
      "filter": "(datum.k === 'bar')"
     }
    ]
   },
   {
    "encoding": {
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "aria": false,
     "color": "#1b1f24",
     "orient": "vertical",
     "size": 16,
     "thickness": 2,
     "type": "tick"
    },
    "transform": [
     {
      "filter": "(datum.k === 'ref')"
     }
    ]
   },
   {
    "encoding": {
     "text": {
      "field": "t",
      "type": "nominal"
     },
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "align": "left",
     "aria": false,
     "baseline": "middle",
     "color": "#1b1f24",
     "dx": 4,
     "fontSize": 11,
     "limit": 0,
     "type": "text"
    },
    "transform": [
     {
      "filter": "(datum.k === 'value')"
     }
    ]
   },
   {
    "encoding": {
     "text": {
      "field": "t",
      "type": "nominal"
     },
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "align": "left",
     "aria": false,
     "baseline": "middle",
     "color": "#1b1f24",
     "fontSize": 12,
     "limit": 0,
     "type": "text"
    },
    "transform": [
     {
      "filter": "(datum.k === 'label')"
     }
    ]
   },
   {
    "encoding": {
     "text": {
      "field": "t",
      "type": "nominal"
     },
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "align": "left",
     "aria": false,
     "baseline": "middle",
     "color": "#1b1f24",
     "fontSize": 13,
     "fontWeight": "bold",
     "limit": 0,
     "type": "text"
    },
    "transform": [
     {
      "filter": "(datum.k === 'head')"
     }
    ]
   }
  ],
  "padding": {
   "bottom": 5,
   "left": 2,
   "right": 2,
   "top": 5
  },
  "width": "container"
 },
 "[\"rows\", [\"全年预算数\", \"执行率\", \"超出预算\"]]": {
  "$schema": "https://vega.github.io/schema/vega-lite/v6.4.1.json",
  "config": {
   "axis": {
    "labelFontSize": 12,
    "labelLimit": 0,
    "titleFontSize": 12
   },
   "font": "Noto Sans CJK SC, Source Han Sans SC, PingFang SC, Microsoft YaHei, sans-serif",
   "legend": {
    "labelFontSize": 12,
    "orient": "top",
    "title": null
   },
   "view": {
    "continuousHeight": 300,
    "continuousWidth": 300,
    "stroke": null
   }
  },
  "data": {
   "values": []
  },
  "height": {
   "step": 18
  },
  "layer": [
   {
    "encoding": {
     "color": {
      "field": "s",
      "legend": {
       "columns": 2,
       "direction": "horizontal",
       "labelLimit": 0,
       "orient": "top",
       "symbolType": "square",
       "values": [
        "全年预算数",
        "执行率",
        "超出预算"
       ]
      },
      "scale": {
       "domain": [
        "全年预算数",
        "执行率",
        "超出预算"
       ],
       "range": [
        "#8fb0d6",
        "#1f4e8c",
        "#c2410c"
       ]
      },
      "title": null,
      "type": "nominal"
     },
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "height": {
      "band": 1
     },
     "type": "bar"
    },
    "transform": [
     {
      "filter": "(datum.k === 'bar')"
     }
    ]
   },
   {
    "encoding": {
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "aria": false,
     "color": "#1b1f24",
     "orient": "vertical",
     "size": 16,
     "thickness": 2,
     "type": "tick"
    },
    "transform": [
     {
      "filter": "(datum.k === 'ref')"
     }
    ]
   },
   {
    "encoding": {
     "text": {
      "field": "t",
      "type": "nominal"
     },
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "align": "left",
     "aria": false,
     "baseline": "middle",
     "color": "#1b1f24",
     "dx": 4,
     "fontSize": 11,
     "limit": 0,
     "type": "text"
    },
    "transform": [
     {
      "filter": "(datum.k === 'value')"
     }
    ]
   },
   {
    "encoding": {
     "text": {
      "field": "t",
      "type": "nominal"
     },
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "align": "left",
     "aria": false,
     "baseline": "middle",
     "color": "#1b1f24",
     "fontSize": 12,
     "limit": 0,
     "type": "text"
    },
    "transform": [
     {
      "filter": "(datum.k === 'label')"
     }
    ]
   },
   {
    "encoding": {
     "text": {
      "field": "t",
      "type": "nominal"
     },
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "align": "left",
     "aria": false,
     "baseline": "middle",
     "color": "#1b1f24",
     "fontSize": 13,
     "fontWeight": "bold",
     "limit": 0,
     "type": "text"
    },
    "transform": [
     {
      "filter": "(datum.k === 'head')"
     }
    ]
   }
  ],
  "padding": {
   "bottom": 5,
   "left": 2,
   "right": 2,
   "top": 5
  },
  "width": "container"
 },
 "[\"rows\", [\"全年预算数\", \"执行率\"]]": {
  "$schema": "https://vega.github.io/schema/vega-lite/v6.4.1.json",
  "config": {
   "axis": {
    "labelFontSize": 12,
    "labelLimit": 0,
    "titleFontSize": 12
   },
   "font": "Noto Sans CJK SC, Source Han Sans SC, PingFang SC, Microsoft YaHei, sans-serif",
   "legend": {
    "labelFontSize": 12,
    "orient": "top",
    "title": null
   },
   "view": {
    "continuousHeight": 300,
    "continuousWidth": 300,
    "stroke": null
   }
  },
  "data": {
   "values": []
  },
  "height": {
   "step": 18
  },
  "layer": [
   {
    "encoding": {
     "color": {
      "field": "s",
      "legend": {
       "columns": 2,
       "direction": "horizontal",
       "labelLimit": 0,
       "orient": "top",
       "symbolType": "square",
       "values": [
        "全年预算数",
        "执行率"
       ]
      },
      "scale": {
       "domain": [
        "全年预算数",
        "执行率"
       ],
       "range": [
        "#8fb0d6",
        "#1f4e8c"
       ]
      },
      "title": null,
      "type": "nominal"
     },
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "height": {
      "band": 1
     },
     "type": "bar"
    },
    "transform": [
     {
      "filter": "(datum.k === 'bar')"
     }
    ]
   },
   {
    "encoding": {
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "aria": false,
     "color": "#1b1f24",
     "orient": "vertical",
     "size": 16,
     "thickness": 2,
     "type": "tick"
    },
    "transform": [
     {
      "filter": "(datum.k === 'ref')"
     }
    ]
   },
   {
    "encoding": {
     "text": {
      "field": "t",
      "type": "nominal"
     },
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "align": "left",
     "aria": false,
     "baseline": "middle",
     "color": "#1b1f24",
     "dx": 4,
     "fontSize": 11,
     "limit": 0,
     "type": "text"
    },
    "transform": [
     {
      "filter": "(datum.k === 'value')"
     }
    ]
   },
   {
    "encoding": {
     "text": {
      "field": "t",
      "type": "nominal"
     },
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "align": "left",
     "aria": false,
     "baseline": "middle",
     "color": "#1b1f24",
     "fontSize": 12,
     "limit": 0,
     "type": "text"
    },
    "transform": [
     {
      "filter": "(datum.k === 'label')"
     }
    ]
   },
   {
    "encoding": {
     "text": {
      "field": "t",
      "type": "nominal"
     },
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "align": "left",
     "aria": false,
     "baseline": "middle",
     "color": "#1b1f24",
     "fontSize": 13,
     "fontWeight": "bold",
     "limit": 0,
     "type": "text"
    },
    "transform": [
     {
      "filter": "(datum.k === 'head')"
     }
    ]
   }
  ],
  "padding": {
   "bottom": 5,
   "left": 2,
   "right": 2,
   "top": 5
  },
  "width": "container"
 },
 "[\"rows\", [\"全年预算数\", \"超出预算\", \"得分\"]]": {
  "$schema": "https://vega.github.io/schema/vega-lite/v6.4.1.json",
  "config": {
   "axis": {
    "labelFontSize": 12,
    "labelLimit": 0,
    "titleFontSize": 12
   },
   "font": "Noto Sans CJK SC, Source Han Sans SC, PingFang SC, Microsoft YaHei, sans-serif",
   "legend": {
    "labelFontSize": 12,
    "orient": "top",
    "title": null
   },
   "view": {
    "continuousHeight": 300,
    "continuousWidth": 300,
    "stroke": null
   }
  },
  "data": {
   "values": []
  },
  "height": {
   "step": 18
  },
  "layer": [
   {
    "encoding": {
     "color": {
      "field": "s",
      "legend": {
       "columns": 2,
       "direction": "horizontal",
       "labelLimit": 0,
       "orient": "top",
       "symbolType": "square",
       "values": [
        "全年预算数",
        "超出预算",
        "得分"
       ]
      },
      "scale": {
       "domain": [
        "全年预算数",
        "超出预算",
        "得分"
       ],
       "range": [
        "#8fb0d6",
        "#c2410c",
        "#1f4e8c"
       ]
      },
      "title": null,
      "type": "nominal"
     },
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "height": {
      "band": 1
     },
     "type": "bar"
    },
    "transform": [
     {
      "filter": "(datum.k === 'bar')"
     }
    ]
   },
   {
    "encoding": {
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "aria": false,
     "color": "#1b1f24",
     "orient": "vertical",
     "size": 16,
     "thickness": 2,
     "type": "tick"
    },
    "transform": [
     {
      "filter": "(datum.k === 'ref')"
     }
    ]
   },
   {
    "encoding": {
     "text": {
      "field": "t",
      "type": "nominal"
     },
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "align": "left",
     "aria": false,
     "baseline": "middle",
     "color": "#1b1f24",
     "dx": 4,
     "fontSize": 11,
     "limit": 0,
     "type": "text"
    },
    "transform": [
     {
      "filter": "(datum.k === 'value')"
     }
    ]
   },
   {
    "encoding": {
     "text": {
      "field": "t",
      "type": "nominal"
     },
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "align": "left",
     "aria": false,
     "baseline": "middle",
     "color": "#1b1f24",
     "fontSize": 12,
     "limit": 0,
     "type": "text"
    },
    "transform": [
     {
      "filter": "(datum.k === 'label')"
     }
    ]
   },
   {
    "encoding": {
     "text": {
      "field": "t",
      "type": "nominal"
     },
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "align": "left",
     "aria": false,
     "baseline": "middle",
     "color": "#1b1f24",
     "fontSize": 13,
     "fontWeight": "bold",
     "limit": 0,
     "type": "text"
    },
    "transform": [
     {
      "filter": "(datum.k === 'head')"
     }
    ]
   }
  ],
  "padding": {
   "bottom": 5,
   "left": 2,
   "right": 2,
   "top": 5
  },
  "width": "container"
 },
 "[\"rows\", [\"全年预算数\", \"超出预算\"]]": {
  "$schema": "https://vega.github.io/schema/vega-lite/v6.4.1.json",
  "config": {
   "axis": {
    "labelFontSize": 12,
    "labelLimit": 0,
    "titleFontSize": 12
   },
   "font": "Noto Sans CJK SC, Source Han Sans SC, PingFang SC, Microsoft YaHei, sans-serif",
   "legend": {
    "labelFontSize": 12,
    "orient": "top",
    "title": null
   },
   "view": {
    "continuousHeight": 300,
    "continuousWidth": 300,
    "stroke": null
   }
  },
  "data": {
   "values": []
  },
  "height": {
   "step": 18
  },
  "layer": [
   {
    "encoding": {
     "color": {
      "field": "s",
      "legend": {
       "columns": 2,
       "direction": "horizontal",
       "labelLimit": 0,
       "orient": "top",
       "symbolType": "square",
       "values": [
        "全年预算数",
        "超出预算"
       ]
      },
      "scale": {
       "domain": [
        "全年预算数",
        "超出预算"
       ],
       "range": [
        "#8fb0d6",
        "#c2410c"
       ]
      },
      "title": null,
      "type": "nominal"
     },
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "height": {
      "band": 1
     },
     "type": "bar"
    },
    "transform": [
     {
      "filter": "(datum.k === 'bar')"
     }
    ]
   },
   {
    "encoding": {
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "aria": false,
     "color": "#1b1f24",
     "orient": "vertical",
     "size": 16,
     "thickness": 2,
     "type": "tick"
    },
    "transform": [
     {
      "filter": "(datum.k === 'ref')"
     }
    ]
   },
   {
    "encoding": {
     "text": {
      "field": "t",
      "type": "nominal"
     },
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "align": "left",
     "aria": false,
     "baseline": "middle",
     "color": "#1b1f24",
     "dx": 4,
     "fontSize": 11,
     "limit": 0,
     "type": "text"
    },
    "transform": [
     {
      "filter": "(datum.k === 'value')"
     }
    ]
   },
   {
    "encoding": {
     "text": {
      "field": "t",
      "type": "nominal"
     },
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "align": "left",
     "aria": false,
     "baseline": "middle",
     "color": "#1b1f24",
     "fontSize": 12,
     "limit": 0,
     "type": "text"
    },
    "transform": [
     {
      "filter": "(datum.k === 'label')"
     }
    ]
   },
   {
    "encoding": {
     "text": {
      "field": "t",
      "type": "nominal"
     },
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "align": "left",
     "aria": false,
     "baseline": "middle",
     "color": "#1b1f24",
     "fontSize": 13,
     "fontWeight": "bold",
     "limit": 0,
     "type": "text"
    },
    "transform": [
     {
      "filter": "(datum.k === 'head')"
     }
    ]
   }
  ],
  "padding": {
   "bottom": 5,
   "left": 2,
   "right": 2,
   "top": 5
  },
  "width": "container"
 },
 "[\"rows\", [\"全年预算数\"]]": {
  "$schema": "https://vega.github.io/schema/vega-lite/v6.4.1.json",
  "config": {
   "axis": {
    "labelFontSize": 12,
    "labelLimit": 0,
    "titleFontSize": 12
   },
   "font": "Noto Sans CJK SC, Source Han Sans SC, PingFang SC, Microsoft YaHei, sans-serif",
   "legend": {
    "labelFontSize": 12,
    "orient": "top",
    "title": null
   },
   "view": {
    "continuousHeight": 300,
    "continuousWidth": 300,
    "stroke": null
   }
  },
  "data": {
   "values": []
  },
  "height": {
   "step": 18
  },
  "layer": [
   {
    "encoding": {
     "color": {
      "field": "s",
      "legend": {
       "columns": 2,
       "direction": "horizontal",
       "labelLimit": 0,
       "orient": "top",
       "symbolType": "square",
       "values": [
        "全年预算数"
       ]
      },
      "scale": {
       "domain": [
        "全年预算数"
       ],
       "range": [
        "#8fb0d6"
       ]
      },
      "title": null,
      "type": "nominal"
     },
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "height": {
      "band": 1
     },
     "type": "bar"
    },
    "transform": [
     {
      "filter": "(datum.k === 'bar')"
     }
    ]
   },
   {
    "encoding": {
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "aria": false,
     "color": "#1b1f24",
     "orient": "vertical",
     "size": 16,
     "thickness": 2,
     "type": "tick"
    },
    "transform": [
     {
      "filter": "(datum.k === 'ref')"
     }
    ]
   },
   {
    "encoding": {
     "text": {
      "field": "t",
      "type": "nominal"
     },
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "align": "left",
     "aria": false,
     "baseline": "middle",
     "color": "#1b1f24",
     "dx": 4,
     "fontSize": 11,
     "limit": 0,
     "type": "text"
    },
    "transform": [
     {
      "filter": "(datum.k === 'value')"
     }
    ]
   },
   {
    "encoding": {
     "text": {
      "field": "t",
      "type": "nominal"
     },
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "align": "left",
     "aria": false,
     "baseline": "middle",
     "color": "#1b1f24",
     "fontSize": 12,
     "limit": 0,
     "type": "text"
    },
    "transform": [
     {
      "filter": "(datum.k === 'label')"
     }
    ]
   },
   {
    "encoding": {
     "text": {
      "field": "t",
      "type": "nominal"
     },
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "align": "left",
     "aria": false,
     "baseline": "middle",
     "color": "#1b1f24",
     "fontSize": 13,
     "fontWeight": "bold",
     "limit": 0,
     "type": "text"
    },
    "transform": [
     {
      "filter": "(datum.k === 'head')"
     }
    ]
   }
  ],
  "padding": {
   "bottom": 5,
   "left": 2,
   "right": 2,
   "top": 5
  },
  "width": "container"
 },
 "[\"rows\", [\"分值\", \"得分\"]]": {
  "$schema": "https://vega.github.io/schema/vega-lite/v6.4.1.json",
  "config": {
   "axis": {
    "labelFontSize": 12,
    "labelLimit": 0,
    "titleFontSize": 12
   },
   "font": "Noto Sans CJK SC, Source Han Sans SC, PingFang SC, Microsoft YaHei, sans-serif",
   "legend": {
    "labelFontSize": 12,
    "orient": "top",
    "title": null
   },
   "view": {
    "continuousHeight": 300,
    "continuousWidth": 300,
    "stroke": null
   }
  },
  "data": {
   "values": []
  },
  "height": {
   "step": 18
  },
  "layer": [
   {
    "encoding": {
     "color": {
      "field": "s",
      "legend": {
       "columns": 2,
       "direction": "horizontal",
       "labelLimit": 0,
       "orient": "top",
       "symbolType": "square",
       "values": [
        "分值",
        "得分"
       ]
      },
      "scale": {
       "domain": [
        "分值",
        "得分"
       ],
       "range": [
        "#8fb0d6",
        "#1f4e8c"
       ]
      },
      "title": null,
      "type": "nominal"
     },
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "height": {
      "band": 1
     },
     "type": "bar"
    },
    "transform": [
     {
      "filter": "(datum.k === 'bar')"
     }
    ]
   },
   {
    "encoding": {
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "aria": false,
     "color": "#1b1f24",
     "orient": "vertical",
     "size": 16,
     "thickness": 2,
     "type": "tick"
    },
    "transform": [
     {
      "filter": "(datum.k === 'ref')"
     }
    ]
   },
   {
    "encoding": {
     "text": {
      "field": "t",
      "type": "nominal"
     },
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "align": "left",
     "aria": false,
     "baseline": "middle",
     "color": "#1b1f24",
     "dx": 4,
     "fontSize": 11,
     "limit": 0,
     "type": "text"
    },
    "transform": [
     {
      "filter": "(datum.k === 'value')"
     }
    ]
   },
   {
    "encoding": {
     "text": {
      "field": "t",
      "type": "nominal"
     },
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "align": "left",
     "aria": false,
     "baseline": "middle",
     "color": "#1b1f24",
     "fontSize": 12,
     "limit": 0,
     "type": "text"
    },
    "transform": [
     {
      "filter": "(datum.k === 'label')"
     }
    ]
   },
   {
    "encoding": {
     "text": {
      "field": "t",
      "type": "nominal"
     },
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "align": "left",
     "aria": false,
     "baseline": "middle",
     "color": "#1b1f24",
     "fontSize": 13,
     "fontWeight": "bold",
     "limit": 0,
     "type": "text"
    },
    "transform": [
     {
      "filter": "(datum.k === 'head')"
     }
    ]
   }
  ],
  "padding": {
   "bottom": 5,
   "left": 2,
   "right": 2,
   "top": 5
  },
  "width": "container"
 },
 "[\"rows\", [\"分值\"]]": {
  "$schema": "https://vega.github.io/schema/vega-lite/v6.4.1.json",
  "config": {
   "axis": {
    "labelFontSize": 12,
    "labelLimit": 0,
    "titleFontSize": 12
   },
   "font": "Noto Sans CJK SC, Source Han Sans SC, PingFang SC, Microsoft YaHei, sans-serif",
   "legend": {
    "labelFontSize": 12,
    "orient": "top",
    "title": null
   },
   "view": {
    "continuousHeight": 300,
    "continuousWidth": 300,
    "stroke": null
   }
  },
  "data": {
   "values": []
  },
  "height": {
   "step": 18
  },
  "layer": [
   {
    "encoding": {
     "color": {
      "field": "s",
      "legend": {
       "columns": 2,
       "direction": "horizontal",
       "labelLimit": 0,
       "orient": "top",
       "symbolType": "square",
       "values": [
        "分值"
       ]
      },
      "scale": {
       "domain": [
        "分值"
       ],
       "range": [
        "#8fb0d6"
       ]
      },
      "title": null,
      "type": "nominal"
     },
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "height": {
      "band": 1
     },
     "type": "bar"
    },
    "transform": [
     {
      "filter": "(datum.k === 'bar')"
     }
    ]
   },
   {
    "encoding": {
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "aria": false,
     "color": "#1b1f24",
     "orient": "vertical",
     "size": 16,
     "thickness": 2,
     "type": "tick"
    },
    "transform": [
     {
      "filter": "(datum.k === 'ref')"
     }
    ]
   },
   {
    "encoding": {
     "text": {
      "field": "t",
      "type": "nominal"
     },
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "align": "left",
     "aria": false,
     "baseline": "middle",
     "color": "#1b1f24",
     "dx": 4,
     "fontSize": 11,
     "limit": 0,
     "type": "text"
    },
    "transform": [
     {
      "filter": "(datum.k === 'value')"
     }
    ]
   },
   {
    "encoding": {
     "text": {
      "field": "t",
      "type": "nominal"
     },
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "align": "left",
     "aria": false,
     "baseline": "middle",
     "color": "#1b1f24",
     "fontSize": 12,
     "limit": 0,
     "type": "text"
    },
    "transform": [
     {
      "filter": "(datum.k === 'label')"
     }
    ]
   },
   {
    "encoding": {
     "text": {
      "field": "t",
      "type": "nominal"
     },
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "align": "left",
     "aria": false,
     "baseline": "middle",
     "color": "#1b1f24",
     "fontSize": 13,
     "fontWeight": "bold",
     "limit": 0,
     "type": "text"
    },
    "transform": [
     {
      "filter": "(datum.k === 'head')"
     }
    ]
   }
  ],
  "padding": {
   "bottom": 5,
   "left": 2,
   "right": 2,
   "top": 5
  },
  "width": "container"
 },
 "[\"rows\", [\"实际支出数\", \"得分\"]]": {
  "$schema": "https://vega.github.io/schema/vega-lite/v6.4.1.json",
  "config": {
   "axis": {
    "labelFontSize": 12,
    "labelLimit": 0,
    "titleFontSize": 12
   },
   "font": "Noto Sans CJK SC, Source Han Sans SC, PingFang SC, Microsoft YaHei, sans-serif",
   "legend": {
    "labelFontSize": 12,
    "orient": "top",
    "title": null
   },
   "view": {
    "continuousHeight": 300,
    "continuousWidth": 300,
    "stroke": null
   }
  },
  "data": {
   "values": []
  },
  "height": {
   "step": 18
  },
  "layer": [
   {
    "encoding": {
     "color": {
      "field": "s",
      "legend": {
       "columns": 2,
       "direction": "horizontal",
       "labelLimit": 0,
       "orient": "top",
       "symbolType": "square",
       "values": [
        "实际支出数"
       ]
      },
      "scale": {
       "domain": [
        "实际支出数",
        "得分"
       ],
       "range": [
        "#1f4e8c",
        "#1f4e8c"
       ]
      },
      "title": null,
      "type": "nominal"
     },
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "height": {
      "band": 1
     },
     "type": "bar"
    },
    "transform": [
     {
      "filter": "(datum.k === 'bar')"
     }
    ]
   },
   {
    "encoding": {
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "aria": false,
     "color": "#1b1f24",
     "orient": "vertical",
     "size": 16,
     "thickness": 2,
     "type": "tick"
    },
    "transform": [
     {
      "filter": "(datum.k === 'ref')"
     }
    ]
   },
   {
    "encoding": {
     "text": {
      "field": "t",
      "type": "nominal"
     },
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "align": "left",
     "aria": false,
     "baseline": "middle",
     "color": "#1b1f24",
     "dx": 4,
     "fontSize": 11,
     "limit": 0,
     "type": "text"
    },
    "transform": [
     {
      "filter": "(datum.k === 'value')"
     }
    ]
   },
   {
    "encoding": {
     "text": {
      "field": "t",
      "type": "nominal"
     },
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "align": "left",
     "aria": false,
     "baseline": "middle",
     "color": "#1b1f24",
     "fontSize": 12,
     "limit": 0,
     "type": "text"
    },
    "transform": [
     {
      "filter": "(datum.k === 'label')"
     }
    ]
   },
   {
    "encoding": {
     "text": {
      "field": "t",
      "type": "nominal"
     },
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "align": "left",
     "aria": false,
     "baseline": "middle",
     "color": "#1b1f24",
     "fontSize": 13,
     "fontWeight": "bold",
     "limit": 0,
     "type": "text"
    },
    "transform": [
     {
      "filter": "(datum.k === 'head')"
     }
    ]
   }
  ],
  "padding": {
   "bottom": 5,
   "left": 2,
   "right": 2,
   "top": 5
  },
  "width": "container"
 },
 "[\"rows\", [\"实际支出数\", \"执行率\", \"得分\"]]": {
  "$schema": "https://vega.github.io/schema/vega-lite/v6.4.1.json",
  "config": {
   "axis": {
    "labelFontSize": 12,
    "labelLimit": 0,
    "titleFontSize": 12
   },
   "font": "Noto Sans CJK SC, Source Han Sans SC, PingFang SC, Microsoft YaHei, sans-serif",
   "legend": {
    "labelFontSize": 12,
    "orient": "top",
    "title": null
   },
   "view": {
    "continuousHeight": 300,
    "continuousWidth": 300,
    "stroke": null
   }
  },
  "data": {
   "values": []
  },
  "height": {
   "step": 18
  },
  "layer": [
   {
    "encoding": {
     "color": {
      "field": "s",
      "legend": {
       "columns": 2,
       "direction": "horizontal",
       "labelLimit": 0,
       "orient": "top",
       "symbolType": "square",
       "values": [
        "实际支出数"
       ]
      },
      "scale": {
       "domain": [
        "实际支出数",
        "执行率",
        "得分"
       ],
       "range": [
        "#1f4e8c",
        "#1f4e8c",
        "#1f4e8c"
       ]
      },
      "title": null,
      "type": "nominal"
     },
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "height": {
      "band": 1
     },
     "type": "bar"
    },
    "transform": [
     {
      "filter": "(datum.k === 'bar')"
     }
    ]
   },
   {
    "encoding": {
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "aria": false,
     "color": "#1b1f24",
     "orient": "vertical",
     "size": 16,
     "thickness": 2,
     "type": "tick"
    },
    "transform": [
     {
      "filter": "(datum.k === 'ref')"
     }
    ]
   },
   {
    "encoding": {
     "text": {
      "field": "t",
      "type": "nominal"
     },
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "align": "left",
     "aria": false,
     "baseline": "middle",
     "color": "#1b1f24",
     "dx": 4,
     "fontSize": 11,
     "limit": 0,
     "type": "text"
    },
    "transform": [
     {
      "filter": "(datum.k === 'value')"
     }
    ]
   },
   {
    "encoding": {
     "text": {
      "field": "t",
      "type": "nominal"
     },
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "align": "left",
     "aria": false,
     "baseline": "middle",
     "color": "#1b1f24",
     "fontSize": 12,
     "limit": 0,
     "type": "text"
    },
    "transform": [
     {
      "filter": "(datum.k === 'label')"
     }
    ]
   },
   {
    "encoding": {
     "text": {
      "field": "t",
      "type": "nominal"
     },
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "align": "left",
     "aria": false,
     "baseline": "middle",
     "color": "#1b1f24",
     "fontSize": 13,
     "fontWeight": "bold",
     "limit": 0,
     "type": "text"
    },
    "transform": [
     {
      "filter": "(datum.k === 'head')"
     }
    ]
   }
  ],
  "padding": {
   "bottom": 5,
   "left": 2,
   "right": 2,
   "top": 5
  },
  "width": "container"
 },
 "[\"rows\", [\"实际支出数\", \"执行率\", \"超出预算\", \"得分\"]]": {
  "$schema": "https://vega.github.io/schema/vega-lite/v6.4.1.json",
  "config": {
   "axis": {
    "labelFontSize": 12,
    "labelLimit": 0,
    "titleFontSize": 12
   },
   "font": "Noto Sans CJK SC, Source Han Sans SC, PingFang SC, Microsoft YaHei, sans-serif",
   "legend": {
    "labelFontSize": 12,
    "orient": "top",
    "title": null
   },
   "view": {
    "continuousHeight": 300,
    "continuousWidth": 300,
    "stroke": null
   }
  },
  "data": {
   "values": []
  },
  "height": {
   "step": 18
  },
  "layer": [
   {
    "encoding": {
     "color": {
      "field": "s",
      "legend": {
       "columns": 2,
       "direction": "horizontal",
       "labelLimit": 0,
       "orient": "top",
       "symbolType": "square",
       "values": [
        "实际支出数",
        "超出预算"
       ]
      },
      "scale": {
       "domain": [
        "实际支出数",
        "执行率",
        "超出预算",
        "得分"
       ],
       "range": [
        "#1f4e8c",
        "#1f4e8c",
        "#c2410c",
        "#1f4e8c"
       ]
      },
      "title": null,
      "type": "nominal"
     },
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "height": {
      "band": 1
     },
     "type": "bar"
    },
    "transform": [
     {
      "filter": "(datum.k === 'bar')"
     }
    ]
   },
   {
    "encoding": {
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "aria": false,
     "color": "#1b1f24",
     "orient": "vertical",
     "size": 16,
     "thickness": 2,
     "type": "tick"
    },
    "transform": [
     {
      "filter": "(datum.k === 'ref')"
     }
    ]
   },
   {
    "encoding": {
     "text": {
      "field": "t",
      "type": "nominal"
     },
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "align": "left",
     "aria": false,
     "baseline": "middle",
     "color": "#1b1f24",
     "dx": 4,
     "fontSize": 11,
     "limit": 0,
     "type": "text"
    },
    "transform": [
     {
      "filter": "(datum.k === 'value')"
     }
    ]
   },
   {
    "encoding": {
     "text": {
      "field": "t",
      "type": "nominal"
     },
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "align": "left",
     "aria": false,
     "baseline": "middle",
     "color": "#1b1f24",
     "fontSize": 12,
     "limit": 0,
     "type": "text"
    },
    "transform": [
     {
      "filter": "(datum.k === 'label')"
     }
    ]
   },
   {
    "encoding": {
     "text": {
      "field": "t",
      "type": "nominal"
     },
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "align": "left",
     "aria": false,
     "baseline": "middle",
     "color": "#1b1f24",
     "fontSize": 13,
     "fontWeight": "bold",
     "limit": 0,
     "type": "text"
    },
    "transform": [
     {
      "filter": "(datum.k === 'head')"
     }
    ]
   }
  ],
  "padding": {
   "bottom": 5,
   "left": 2,
   "right": 2,
   "top": 5
  },
  "width": "container"
 },
 "[\"rows\", [\"实际支出数\", \"执行率\", \"超出预算\"]]": {
  "$schema": "https://vega.github.io/schema/vega-lite/v6.4.1.json",
  "config": {
   "axis": {
    "labelFontSize": 12,
    "labelLimit": 0,
    "titleFontSize": 12
   },
   "font": "Noto Sans CJK SC, Source Han Sans SC, PingFang SC, Microsoft YaHei, sans-serif",
   "legend": {
    "labelFontSize": 12,
    "orient": "top",
    "title": null
   },
   "view": {
    "continuousHeight": 300,
    "continuousWidth": 300,
    "stroke": null
   }
  },
  "data": {
   "values": []
  },
  "height": {
   "step": 18
  },
  "layer": [
   {
    "encoding": {
     "color": {
      "field": "s",
      "legend": {
       "columns": 2,
       "direction": "horizontal",
       "labelLimit": 0,
       "orient": "top",
       "symbolType": "square",
       "values": [
        "实际支出数",
        "超出预算"
       ]
      },
      "scale": {
       "domain": [
        "实际支出数",
        "执行率",
        "超出预算"
       ],
       "range": [
        "#1f4e8c",
        "#1f4e8c",
        "#c2410c"
       ]
      },
      "title": null,
      "type": "nominal"
     },
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "height": {
      "band": 1
     },
     "type": "bar"
    },
    "transform": [
     {
      "filter": "(datum.k === 'bar')"
     }
    ]
   },
   {
    "encoding": {
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "aria": false,
     "color": "#1b1f24",
     "orient": "vertical",
     "size": 16,
     "thickness": 2,
     "type": "tick"
    },
    "transform": [
     {
      "filter": "(datum.k === 'ref')"
     }
    ]
   },
   {
    "encoding": {
     "text": {
      "field": "t",
      "type": "nominal"
     },
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "align": "left",
     "aria": false,
     "baseline": "middle",
     "color": "#1b1f24",
     "dx": 4,
     "fontSize": 11,
     "limit": 0,
     "type": "text"
    },
    "transform": [
     {
      "filter": "(datum.k === 'value')"
     }
    ]
   },
   {
    "encoding": {
     "text": {
      "field": "t",
      "type": "nominal"
     },
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "align": "left",
     "aria": false,
     "baseline": "middle",
     "color": "#1b1f24",
     "fontSize": 12,
     "limit": 0,
     "type": "text"
    },
    "transform": [
     {
      "filter": "(datum.k === 'label')"
     }
    ]
   },
   {
    "encoding": {
     "text": {
      "field": "t",
      "type": "nominal"
     },
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "align": "left",
     "aria": false,
     "baseline": "middle",
     "color": "#1b1f24",
     "fontSize": 13,
     "fontWeight": "bold",
     "limit": 0,
     "type": "text"
    },
    "transform": [
     {
      "filter": "(datum.k === 'head')"
     }
    ]
   }
  ],
  "padding": {
   "bottom": 5,
   "left": 2,
   "right": 2,
   "top": 5
  },
  "width": "container"
 },
 "[\"rows\", [\"实际支出数\", \"执行率\"]]": {
  "$schema": "https://vega.github.io/schema/vega-lite/v6.4.1.json",
  "config": {
   "axis": {
    "labelFontSize": 12,
    "labelLimit": 0,
    "titleFontSize": 12
   },
   "font": "Noto Sans CJK SC, Source Han Sans SC, PingFang SC, Microsoft YaHei, sans-serif",
   "legend": {
    "labelFontSize": 12,
    "orient": "top",
    "title": null
   },
   "view": {
    "continuousHeight": 300,
    "continuousWidth": 300,
    "stroke": null
   }
  },
  "data": {
   "values": []
  },
  "height": {
   "step": 18
  },
  "layer": [
   {
    "encoding": {
     "color": {
      "field": "s",
      "legend": {
       "columns": 2,
       "direction": "horizontal",
       "labelLimit": 0,
       "orient": "top",
       "symbolType": "square",
       "values": [
        "实际支出数"
       ]
      },
      "scale": {
       "domain": [
        "实际支出数",
        "执行率"
       ],
       "range": [
        "#1f4e8c",
        "#1f4e8c"
       ]
      },
      "title": null,
      "type": "nominal"
     },
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "height": {
      "band": 1
     },
     "type": "bar"
    },
    "transform": [
     {
      "filter": "(datum.k === 'bar')"
     }
    ]
   },
   {
    "encoding": {
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "aria": false,
     "color": "#1b1f24",
     "orient": "vertical",
     "size": 16,
     "thickness": 2,
     "type": "tick"
    },
    "transform": [
     {
      "filter": "(datum.k === 'ref')"
     }
    ]
   },
   {
    "encoding": {
     "text": {
      "field": "t",
      "type": "nominal"
     },
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "align": "left",
     "aria": false,
     "baseline": "middle",
     "color": "#1b1f24",
     "dx": 4,
     "fontSize": 11,
     "limit": 0,
     "type": "text"
    },
    "transform": [
     {
      "filter": "(datum.k === 'value')"
     }
    ]
   },
   {
    "encoding": {
     "text": {
      "field": "t",
      "type": "nominal"
     },
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "align": "left",
     "aria": false,
     "baseline": "middle",
     "color": "#1b1f24",
     "fontSize": 12,
     "limit": 0,
     "type": "text"
    },
    "transform": [
     {
      "filter": "(datum.k === 'label')"
     }
    ]
   },
   {
    "encoding": {
     "text": {
      "field": "t",
      "type": "nominal"
     },
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "align": "left",
     "aria": false,
     "baseline": "middle",
     "color": "#1b1f24",
     "fontSize": 13,
     "fontWeight": "bold",
     "limit": 0,
     "type": "text"
    },
    "transform": [
     {
      "filter": "(datum.k === 'head')"
     }
    ]
   }
  ],
  "padding": {
   "bottom": 5,
   "left": 2,
   "right": 2,
   "top": 5
  },
  "width": "container"
 },
 "[\"rows\", [\"实际支出数\", \"超出预算\", \"得分\"]]": {
  "$schema": "https://vega.github.io/schema/vega-lite/v6.4.1.json",
  "config": {
   "axis": {
    "labelFontSize": 12,
    "labelLimit": 0,
    "titleFontSize": 12
   },
   "font": "Noto Sans CJK SC, Source Han Sans SC, PingFang SC, Microsoft YaHei, sans-serif",
   "legend": {
    "labelFontSize": 12,
    "orient": "top",
    "title": null
   },
   "view": {
    "continuousHeight": 300,
    "continuousWidth": 300,
    "stroke": null
   }
  },
  "data": {
   "values": []
  },
  "height": {
   "step": 18
  },
  "layer": [
   {
    "encoding": {
     "color": {
      "field": "s",
      "legend": {
       "columns": 2,
       "direction": "horizontal",
       "labelLimit": 0,
       "orient": "top",
       "symbolType": "square",
       "values": [
        "实际支出数",
        "超出预算"
       ]
      },
      "scale": {
       "domain": [
        "实际支出数",
        "超出预算",
        "得分"
       ],
       "range": [
        "#1f4e8c",
        "#c2410c",
        "#1f4e8c"
       ]
      },
      "title": null,
      "type": "nominal"
     },
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "height": {
      "band": 1
     },
     "type": "bar"
    },
    "transform": [
     {
      "filter": "(datum.k === 'bar')"
     }
    ]
   },
   {
    "encoding": {
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "aria": false,
     "color": "#1b1f24",
     "orient": "vertical",
     "size": 16,
     "thickness": 2,
     "type": "tick"
    },
    "transform": [
     {
      "filter": "(datum.k === 'ref')"
     }
    ]
   },
   {
    "encoding": {
     "text": {
      "field": "t",
      "type": "nominal"
     },
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "align": "left",
     "aria": false,
     "baseline": "middle",
     "color": "#1b1f24",
     "dx": 4,
     "fontSize": 11,
     "limit": 0,
     "type": "text"
    },
    "transform": [
     {
      "filter": "(datum.k === 'value')"
     }
    ]
   },
   {
    "encoding": {
     "text": {
      "field": "t",
      "type": "nominal"
     },
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "align": "left",
     "aria": false,
     "baseline": "middle",
     "color": "#1b1f24",
     "fontSize": 12,
     "limit": 0,
     "type": "text"
    },
    "transform": [
     {
      "filter": "(datum.k === 'label')"
     }
    ]
   },
   {
    "encoding": {
     "text": {
      "field": "t",
      "type": "nominal"
     },
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "align": "left",
     "aria": false,
     "baseline": "middle",
     "color": "#1b1f24",
     "fontSize": 13,
     "fontWeight": "bold",
     "limit": 0,
     "type": "text"
    },
    "transform": [
     {
      "filter": "(datum.k === 'head')"
     }
    ]
   }
  ],
  "padding": {
   "bottom": 5,
   "left": 2,
   "right": 2,
   "top": 5
  },
  "width": "container"
 },
 "[\"rows\", [\"实际支出数\", \"超出预算\"]]": {
  "$schema": "https://vega.github.io/schema/vega-lite/v6.4.1.json",
  "config": {
   "axis": {
    "labelFontSize": 12,
    "labelLimit": 0,
    "titleFontSize": 12
   },
   "font": "Noto Sans CJK SC, Source Han Sans SC, PingFang SC, Microsoft YaHei, sans-serif",
   "legend": {
    "labelFontSize": 12,
    "orient": "top",
    "title": null
   },
   "view": {
    "continuousHeight": 300,
    "continuousWidth": 300,
    "stroke": null
   }
  },
  "data": {
   "values": []
  },
  "height": {
   "step": 18
  },
  "layer": [
   {
    "encoding": {
     "color": {
      "field": "s",
      "legend": {
       "columns": 2,
       "direction": "horizontal",
       "labelLimit": 0,
       "orient": "top",
       "symbolType": "square",
       "values": [
        "实际支出数",
        "超出预算"
       ]
      },
      "scale": {
       "domain": [
        "实际支出数",
        "超出预算"
       ],
       "range": [
        "#1f4e8c",
        "#c2410c"
       ]
      },
      "title": null,
      "type": "nominal"
     },
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "height": {
      "band": 1
     },
     "type": "bar"
    },
    "transform": [
     {
      "filter": "(datum.k === 'bar')"
     }
    ]
   },
   {
    "encoding": {
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "aria": false,
     "color": "#1b1f24",
     "orient": "vertical",
     "size": 16,
     "thickness": 2,
     "type": "tick"
    },
    "transform": [
     {
      "filter": "(datum.k === 'ref')"
     }
    ]
   },
   {
    "encoding": {
     "text": {
      "field": "t",
      "type": "nominal"
     },
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "align": "left",
     "aria": false,
     "baseline": "middle",
     "color": "#1b1f24",
     "dx": 4,
     "fontSize": 11,
     "limit": 0,
     "type": "text"
    },
    "transform": [
     {
      "filter": "(datum.k === 'value')"
     }
    ]
   },
   {
    "encoding": {
     "text": {
      "field": "t",
      "type": "nominal"
     },
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "align": "left",
     "aria": false,
     "baseline": "middle",
     "color": "#1b1f24",
     "fontSize": 12,
     "limit": 0,
     "type": "text"
    },
    "transform": [
     {
      "filter": "(datum.k === 'label')"
     }
    ]
   },
   {
    "encoding": {
     "text": {
      "field": "t",
      "type": "nominal"
     },
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "align": "left",
     "aria": false,
     "baseline": "middle",
     "color": "#1b1f24",
     "fontSize": 13,
     "fontWeight": "bold",
     "limit": 0,
     "type": "text"
    },
    "transform": [
     {
      "filter": "(datum.k === 'head')"
     }
    ]
   }
  ],
  "padding": {
   "bottom": 5,
   "left": 2,
   "right": 2,
   "top": 5
  },
  "width": "container"
 },
 "[\"rows\", [\"实际支出数\"]]": {
  "$schema": "https://vega.github.io/schema/vega-lite/v6.4.1.json",
  "config": {
   "axis": {
    "labelFontSize": 12,
    "labelLimit": 0,
    "titleFontSize": 12
   },
   "font": "Noto Sans CJK SC, Source Han Sans SC, PingFang SC, Microsoft YaHei, sans-serif",
   "legend": {
    "labelFontSize": 12,
    "orient": "top",
    "title": null
   },
   "view": {
    "continuousHeight": 300,
    "continuousWidth": 300,
    "stroke": null
   }
  },
  "data": {
   "values": []
  },
  "height": {
   "step": 18
  },
  "layer": [
   {
    "encoding": {
     "color": {
      "field": "s",
      "legend": {
       "columns": 2,
       "direction": "horizontal",
       "labelLimit": 0,
       "orient": "top",
       "symbolType": "square",
       "values": [
        "实际支出数"
       ]
      },
      "scale": {
       "domain": [
        "实际支出数"
       ],
       "range": [
        "#1f4e8c"
       ]
      },
      "title": null,
      "type": "nominal"
     },
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "height": {
      "band": 1
     },
     "type": "bar"
    },
    "transform": [
     {
      "filter": "(datum.k === 'bar')"
     }
    ]
   },
   {
    "encoding": {
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "aria": false,
     "color": "#1b1f24",
     "orient": "vertical",
     "size": 16,
     "thickness": 2,
     "type": "tick"
    },
    "transform": [
     {
      "filter": "(datum.k === 'ref')"
     }
    ]
   },
   {
    "encoding": {
     "text": {
      "field": "t",
      "type": "nominal"
     },
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "align": "left",
     "aria": false,
     "baseline": "middle",
     "color": "#1b1f24",
     "dx": 4,
     "fontSize": 11,
     "limit": 0,
     "type": "text"
    },
    "transform": [
     {
      "filter": "(datum.k === 'value')"
     }
    ]
   },
   {
    "encoding": {
     "text": {
      "field": "t",
      "type": "nominal"
     },
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "align": "left",
     "aria": false,
     "baseline": "middle",
     "color": "#1b1f24",
     "fontSize": 12,
     "limit": 0,
     "type": "text"
    },
    "transform": [
     {
      "filter": "(datum.k === 'label')"
     }
    ]
   },
   {
    "encoding": {
     "text": {
      "field": "t",
      "type": "nominal"
     },
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "align": "left",
     "aria": false,
     "baseline": "middle",
     "color": "#1b1f24",
     "fontSize": 13,
     "fontWeight": "bold",
     "limit": 0,
     "type": "text"
    },
    "transform": [
     {
      "filter": "(datum.k === 'head')"
     }
    ]
   }
  ],
  "padding": {
   "bottom": 5,
   "left": 2,
   "right": 2,
   "top": 5
  },
  "width": "container"
 },
 "[\"rows\", [\"得分\"]]": {
  "$schema": "https://vega.github.io/schema/vega-lite/v6.4.1.json",
  "config": {
   "axis": {
    "labelFontSize": 12,
    "labelLimit": 0,
    "titleFontSize": 12
   },
   "font": "Noto Sans CJK SC, Source Han Sans SC, PingFang SC, Microsoft YaHei, sans-serif",
   "legend": {
    "labelFontSize": 12,
    "orient": "top",
    "title": null
   },
   "view": {
    "continuousHeight": 300,
    "continuousWidth": 300,
    "stroke": null
   }
  },
  "data": {
   "values": []
  },
  "height": {
   "step": 18
  },
  "layer": [
   {
    "encoding": {
     "color": {
      "field": "s",
      "legend": {
       "columns": 2,
       "direction": "horizontal",
       "labelLimit": 0,
       "orient": "top",
       "symbolType": "square",
       "values": [
        "得分"
       ]
      },
      "scale": {
       "domain": [
        "得分"
       ],
       "range": [
        "#1f4e8c"
       ]
      },
      "title": null,
      "type": "nominal"
     },
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "height": {
      "band": 1
     },
     "type": "bar"
    },
    "transform": [
     {
      "filter": "(datum.k === 'bar')"
     }
    ]
   },
   {
    "encoding": {
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "aria": false,
     "color": "#1b1f24",
     "orient": "vertical",
     "size": 16,
     "thickness": 2,
     "type": "tick"
    },
    "transform": [
     {
      "filter": "(datum.k === 'ref')"
     }
    ]
   },
   {
    "encoding": {
     "text": {
      "field": "t",
      "type": "nominal"
     },
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "align": "left",
     "aria": false,
     "baseline": "middle",
     "color": "#1b1f24",
     "dx": 4,
     "fontSize": 11,
     "limit": 0,
     "type": "text"
    },
    "transform": [
     {
      "filter": "(datum.k === 'value')"
     }
    ]
   },
   {
    "encoding": {
     "text": {
      "field": "t",
      "type": "nominal"
     },
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "align": "left",
     "aria": false,
     "baseline": "middle",
     "color": "#1b1f24",
     "fontSize": 12,
     "limit": 0,
     "type": "text"
    },
    "transform": [
     {
      "filter": "(datum.k === 'label')"
     }
    ]
   },
   {
    "encoding": {
     "text": {
      "field": "t",
      "type": "nominal"
     },
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "align": "left",
     "aria": false,
     "baseline": "middle",
     "color": "#1b1f24",
     "fontSize": 13,
     "fontWeight": "bold",
     "limit": 0,
     "type": "text"
    },
    "transform": [
     {
      "filter": "(datum.k === 'head')"
     }
    ]
   }
  ],
  "padding": {
   "bottom": 5,
   "left": 2,
   "right": 2,
   "top": 5
  },
  "width": "container"
 },
 "[\"rows\", [\"执行率\", \"得分\"]]": {
  "$schema": "https://vega.github.io/schema/vega-lite/v6.4.1.json",
  "config": {
   "axis": {
    "labelFontSize": 12,
    "labelLimit": 0,
    "titleFontSize": 12
   },
   "font": "Noto Sans CJK SC, Source Han Sans SC, PingFang SC, Microsoft YaHei, sans-serif",
   "legend": {
    "labelFontSize": 12,
    "orient": "top",
    "title": null
   },
   "view": {
    "continuousHeight": 300,
    "continuousWidth": 300,
    "stroke": null
   }
  },
  "data": {
   "values": []
  },
  "height": {
   "step": 18
  },
  "layer": [
   {
    "encoding": {
     "color": {
      "field": "s",
      "legend": {
       "columns": 2,
       "direction": "horizontal",
       "labelLimit": 0,
       "orient": "top",
       "symbolType": "square",
       "values": [
        "执行率"
       ]
      },
      "scale": {
       "domain": [
        "执行率",
        "得分"
       ],
       "range": [
        "#1f4e8c",
        "#1f4e8c"
       ]
      },
      "title": null,
      "type": "nominal"
     },
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "height": {
      "band": 1
     },
     "type": "bar"
    },
    "transform": [
     {
      "filter": "(datum.k === 'bar')"
     }
    ]
   },
   {
    "encoding": {
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "aria": false,
     "color": "#1b1f24",
     "orient": "vertical",
     "size": 16,
     "thickness": 2,
     "type": "tick"
    },
    "transform": [
     {
      "filter": "(datum.k === 'ref')"
     }
    ]
   },
   {
    "encoding": {
     "text": {
      "field": "t",
      "type": "nominal"
     },
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "align": "left",
     "aria": false,
     "baseline": "middle",
     "color": "#1b1f24",
     "dx": 4,
     "fontSize": 11,
     "limit": 0,
     "type": "text"
    },
    "transform": [
     {
      "filter": "(datum.k === 'value')"
     }
    ]
   },
   {
    "encoding": {
     "text": {
      "field": "t",
      "type": "nominal"
     },
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "align": "left",
     "aria": false,
     "baseline": "middle",
     "color": "#1b1f24",
     "fontSize": 12,
     "limit": 0,
     "type": "text"
    },
    "transform": [
     {
      "filter": "(datum.k === 'label')"
     }
    ]
   },
   {
    "encoding": {
     "text": {
      "field": "t",
      "type": "nominal"
     },
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "align": "left",
     "aria": false,
     "baseline": "middle",
     "color": "#1b1f24",
     "fontSize": 13,
     "fontWeight": "bold",
     "limit": 0,
     "type": "text"
    },
    "transform": [
     {
      "filter": "(datum.k === 'head')"
     }
    ]
   }
  ],
  "padding": {
   "bottom": 5,
   "left": 2,
   "right": 2,
   "top": 5
  },
  "width": "container"
 },
 "[\"rows\", [\"执行率\", \"超出预算\", \"得分\"]]": {
  "$schema": "https://vega.github.io/schema/vega-lite/v6.4.1.json",
  "config": {
   "axis": {
    "labelFontSize": 12,
    "labelLimit": 0,
    "titleFontSize": 12
   },
   "font": "Noto Sans CJK SC, Source Han Sans SC, PingFang SC, Microsoft YaHei, sans-serif",
   "legend": {
    "labelFontSize": 12,
    "orient": "top",
    "title": null
   },
   "view": {
    "continuousHeight": 300,
    "continuousWidth": 300,
    "stroke": null
   }
  },
  "data": {
   "values": []
  },
  "height": {
   "step": 18
  },
  "layer": [
   {
    "encoding": {
     "color": {
      "field": "s",
      "legend": {
       "columns": 2,
       "direction": "horizontal",
       "labelLimit": 0,
       "orient": "top",
       "symbolType": "square",
       "values": [
        "执行率",
        "超出预算"
       ]
      },
      "scale": {
       "domain": [
        "执行率",
        "超出预算",
        "得分"
       ],
       "range": [
        "#1f4e8c",
        "#c2410c",
        "#1f4e8c"
       ]
      },
      "title": null,
      "type": "nominal"
     },
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "height": {
      "band": 1
     },
     "type": "bar"
    },
    "transform": [
     {
      "filter": "(datum.k === 'bar')"
     }
    ]
   },
   {
    "encoding": {
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "aria": false,
     "color": "#1b1f24",
     "orient": "vertical",
     "size": 16,
     "thickness": 2,
     "type": "tick"
    },
    "transform": [
     {
      "filter": "(datum.k === 'ref')"
     }
    ]
   },
   {
    "encoding": {
     "text": {
      "field": "t",
      "type": "nominal"
     },
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "align": "left",
     "aria": false,
     "baseline": "middle",
     "color": "#1b1f24",
     "dx": 4,
     "fontSize": 11,
     "limit": 0,
     "type": "text"
    },
    "transform": [
     {
      "filter": "(datum.k === 'value')"
     }
    ]
   },
   {
    "encoding": {
     "text": {
      "field": "t",
      "type": "nominal"
     },
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "align": "left",
     "aria": false,
     "baseline": "middle",
     "color": "#1b1f24",
     "fontSize": 12,
     "limit": 0,
     "type": "text"
    },
    "transform": [
     {
      "filter": "(datum.k === 'label')"
     }
    ]
   },
   {
    "encoding": {
     "text": {
      "field": "t",
      "type": "nominal"
     },
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "align": "left",
     "aria": false,
     "baseline": "middle",
     "color": "#1b1f24",
     "fontSize": 13,
     "fontWeight": "bold",
     "limit": 0,
     "type": "text"
    },
    "transform": [
     {
      "filter": "(datum.k === 'head')"
     }
    ]
   }
  ],
  "padding": {
   "bottom": 5,
   "left": 2,
   "right": 2,
   "top": 5
  },
  "width": "container"
 },
 "[\"rows\", [\"执行率\", \"超出预算\"]]": {
  "$schema": "https://vega.github.io/schema/vega-lite/v6.4.1.json",
  "config": {
   "axis": {
    "labelFontSize": 12,
    "labelLimit": 0,
    "titleFontSize": 12
   },
   "font": "Noto Sans CJK SC, Source Han Sans SC, PingFang SC, Microsoft YaHei, sans-serif",
   "legend": {
    "labelFontSize": 12,
    "orient": "top",
    "title": null
   },
   "view": {
    "continuousHeight": 300,
    "continuousWidth": 300,
    "stroke": null
   }
  },
  "data": {
   "values": []
  },
  "height": {
   "step": 18
  },
  "layer": [
   {
    "encoding": {
     "color": {
      "field": "s",
      "legend": {
       "columns": 2,
       "direction": "horizontal",
       "labelLimit": 0,
       "orient": "top",
       "symbolType": "square",
       "values": [
        "执行率",
        "超出预算"
       ]
      },
      "scale": {
       "domain": [
        "执行率",
        "超出预算"
       ],
       "range": [
        "#1f4e8c",
        "#c2410c"
       ]
      },
      "title": null,
      "type": "nominal"
     },
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "height": {
      "band": 1
     },
     "type": "bar"
    },
    "transform": [
     {
      "filter": "(datum.k === 'bar')"
     }
    ]
   },
   {
    "encoding": {
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "aria": false,
     "color": "#1b1f24",
     "orient": "vertical",
     "size": 16,
     "thickness": 2,
     "type": "tick"
    },
    "transform": [
     {
      "filter": "(datum.k === 'ref')"
     }
    ]
   },
   {
    "encoding": {
     "text": {
      "field": "t",
      "type": "nominal"
     },
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "align": "left",
     "aria": false,
     "baseline": "middle",
     "color": "#1b1f24",
     "dx": 4,
     "fontSize": 11,
     "limit": 0,
     "type": "text"
    },
    "transform": [
     {
      "filter": "(datum.k === 'value')"
     }
    ]
   },
   {
    "encoding": {
     "text": {
      "field": "t",
      "type": "nominal"
     },
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "align": "left",
     "aria": false,
     "baseline": "middle",
     "color": "#1b1f24",
     "fontSize": 12,
     "limit": 0,
     "type": "text"
    },
    "transform": [
     {
      "filter": "(datum.k === 'label')"
     }
    ]
   },
   {
    "encoding": {
     "text": {
      "field": "t",
      "type": "nominal"
     },
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "align": "left",
     "aria": false,
     "baseline": "middle",
     "color": "#1b1f24",
     "fontSize": 13,
     "fontWeight": "bold",
     "limit": 0,
     "type": "text"
    },
    "transform": [
     {
      "filter": "(datum.k === 'head')"
     }
    ]
   }
  ],
  "padding": {
   "bottom": 5,
   "left": 2,
   "right": 2,
   "top": 5
  },
  "width": "container"
 },
 "[\"rows\", [\"执行率\"]]": {
  "$schema": "https://vega.github.io/schema/vega-lite/v6.4.1.json",
  "config": {
   "axis": {
    "labelFontSize": 12,
    "labelLimit": 0,
    "titleFontSize": 12
   },
   "font": "Noto Sans CJK SC, Source Han Sans SC, PingFang SC, Microsoft YaHei, sans-serif",
   "legend": {
    "labelFontSize": 12,
    "orient": "top",
    "title": null
   },
   "view": {
    "continuousHeight": 300,
    "continuousWidth": 300,
    "stroke": null
   }
  },
  "data": {
   "values": []
  },
  "height": {
   "step": 18
  },
  "layer": [
   {
    "encoding": {
     "color": {
      "field": "s",
      "legend": {
       "columns": 2,
       "direction": "horizontal",
       "labelLimit": 0,
       "orient": "top",
       "symbolType": "square",
       "values": [
        "执行率"
       ]
      },
      "scale": {
       "domain": [
        "执行率"
       ],
       "range": [
        "#1f4e8c"
       ]
      },
      "title": null,
      "type": "nominal"
     },
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "height": {
      "band": 1
     },
     "type": "bar"
    },
    "transform": [
     {
      "filter": "(datum.k === 'bar')"
     }
    ]
   },
   {
    "encoding": {
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "aria": false,
     "color": "#1b1f24",
     "orient": "vertical",
     "size": 16,
     "thickness": 2,
     "type": "tick"
    },
    "transform": [
     {
      "filter": "(datum.k === 'ref')"
     }
    ]
   },
   {
    "encoding": {
     "text": {
      "field": "t",
      "type": "nominal"
     },
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "align": "left",
     "aria": false,
     "baseline": "middle",
     "color": "#1b1f24",
     "dx": 4,
     "fontSize": 11,
     "limit": 0,
     "type": "text"
    },
    "transform": [
     {
      "filter": "(datum.k === 'value')"
     }
    ]
   },
   {
    "encoding": {
     "text": {
      "field": "t",
      "type": "nominal"
     },
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "align": "left",
     "aria": false,
     "baseline": "middle",
     "color": "#1b1f24",
     "fontSize": 12,
     "limit": 0,
     "type": "text"
    },
    "transform": [
     {
      "filter": "(datum.k === 'label')"
     }
    ]
   },
   {
    "encoding": {
     "text": {
      "field": "t",
      "type": "nominal"
     },
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "align": "left",
     "aria": false,
     "baseline": "middle",
     "color": "#1b1f24",
     "fontSize": 13,
     "fontWeight": "bold",
     "limit": 0,
     "type": "text"
    },
    "transform": [
     {
      "filter": "(datum.k === 'head')"
     }
    ]
   }
  ],
  "padding": {
   "bottom": 5,
   "left": 2,
   "right": 2,
   "top": 5
  },
  "width": "container"
 },
 "[\"rows\", [\"超出预算\", \"得分\"]]": {
  "$schema": "https://vega.github.io/schema/vega-lite/v6.4.1.json",
  "config": {
   "axis": {
    "labelFontSize": 12,
    "labelLimit": 0,
    "titleFontSize": 12
   },
   "font": "Noto Sans CJK SC, Source Han Sans SC, PingFang SC, Microsoft YaHei, sans-serif",
   "legend": {
    "labelFontSize": 12,
    "orient": "top",
    "title": null
   },
   "view": {
    "continuousHeight": 300,
    "continuousWidth": 300,
    "stroke": null
   }
  },
  "data": {
   "values": []
  },
  "height": {
   "step": 18
  },
  "layer": [
   {
    "encoding": {
     "color": {
      "field": "s",
      "legend": {
       "columns": 2,
       "direction": "horizontal",
       "labelLimit": 0,
       "orient": "top",
       "symbolType": "square",
       "values": [
        "超出预算",
        "得分"
       ]
      },
      "scale": {
       "domain": [
        "超出预算",
        "得分"
       ],
       "range": [
        "#c2410c",
        "#1f4e8c"
       ]
      },
      "title": null,
      "type": "nominal"
     },
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "height": {
      "band": 1
     },
     "type": "bar"
    },
    "transform": [
     {
      "filter": "(datum.k === 'bar')"
     }
    ]
   },
   {
    "encoding": {
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "aria": false,
     "color": "#1b1f24",
     "orient": "vertical",
     "size": 16,
     "thickness": 2,
     "type": "tick"
    },
    "transform": [
     {
      "filter": "(datum.k === 'ref')"
     }
    ]
   },
   {
    "encoding": {
     "text": {
      "field": "t",
      "type": "nominal"
     },
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "align": "left",
     "aria": false,
     "baseline": "middle",
     "color": "#1b1f24",
     "dx": 4,
     "fontSize": 11,
     "limit": 0,
     "type": "text"
    },
    "transform": [
     {
      "filter": "(datum.k === 'value')"
     }
    ]
   },
   {
    "encoding": {
     "text": {
      "field": "t",
      "type": "nominal"
     },
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "align": "left",
     "aria": false,
     "baseline": "middle",
     "color": "#1b1f24",
     "fontSize": 12,
     "limit": 0,
     "type": "text"
    },
    "transform": [
     {
      "filter": "(datum.k === 'label')"
     }
    ]
   },
   {
    "encoding": {
     "text": {
      "field": "t",
      "type": "nominal"
     },
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "align": "left",
     "aria": false,
     "baseline": "middle",
     "color": "#1b1f24",
     "fontSize": 13,
     "fontWeight": "bold",
     "limit": 0,
     "type": "text"
    },
    "transform": [
     {
      "filter": "(datum.k === 'head')"
     }
    ]
   }
  ],
  "padding": {
   "bottom": 5,
   "left": 2,
   "right": 2,
   "top": 5
  },
  "width": "container"
 },
 "[\"rows\", [\"超出预算\"]]": {
  "$schema": "https://vega.github.io/schema/vega-lite/v6.4.1.json",
  "config": {
   "axis": {
    "labelFontSize": 12,
    "labelLimit": 0,
    "titleFontSize": 12
   },
   "font": "Noto Sans CJK SC, Source Han Sans SC, PingFang SC, Microsoft YaHei, sans-serif",
   "legend": {
    "labelFontSize": 12,
    "orient": "top",
    "title": null
   },
   "view": {
    "continuousHeight": 300,
    "continuousWidth": 300,
    "stroke": null
   }
  },
  "data": {
   "values": []
  },
  "height": {
   "step": 18
  },
  "layer": [
   {
    "encoding": {
     "color": {
      "field": "s",
      "legend": {
       "columns": 2,
       "direction": "horizontal",
       "labelLimit": 0,
       "orient": "top",
       "symbolType": "square",
       "values": [
        "超出预算"
       ]
      },
      "scale": {
       "domain": [
        "超出预算"
       ],
       "range": [
        "#c2410c"
       ]
      },
      "title": null,
      "type": "nominal"
     },
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "height": {
      "band": 1
     },
     "type": "bar"
    },
    "transform": [
     {
      "filter": "(datum.k === 'bar')"
     }
    ]
   },
   {
    "encoding": {
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "aria": false,
     "color": "#1b1f24",
     "orient": "vertical",
     "size": 16,
     "thickness": 2,
     "type": "tick"
    },
    "transform": [
     {
      "filter": "(datum.k === 'ref')"
     }
    ]
   },
   {
    "encoding": {
     "text": {
      "field": "t",
      "type": "nominal"
     },
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "align": "left",
     "aria": false,
     "baseline": "middle",
     "color": "#1b1f24",
     "dx": 4,
     "fontSize": 11,
     "limit": 0,
     "type": "text"
    },
    "transform": [
     {
      "filter": "(datum.k === 'value')"
     }
    ]
   },
   {
    "encoding": {
     "text": {
      "field": "t",
      "type": "nominal"
     },
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "align": "left",
     "aria": false,
     "baseline": "middle",
     "color": "#1b1f24",
     "fontSize": 12,
     "limit": 0,
     "type": "text"
    },
    "transform": [
     {
      "filter": "(datum.k === 'label')"
     }
    ]
   },
   {
    "encoding": {
     "text": {
      "field": "t",
      "type": "nominal"
     },
     "x": {
      "axis": null,
      "field": "v",
      "scale": {
       "domain": [
        0,
        1.5
       ],
       "nice": false,
       "zero": true
      },
      "stack": null,
      "title": null,
      "type": "quantitative"
     },
     "y": {
      "axis": null,
      "field": "r",
      "scale": {
       "paddingInner": 0.2,
       "paddingOuter": 0.1
      },
      "title": null,
      "type": "ordinal"
     }
    },
    "mark": {
     "align": "left",
     "aria": false,
     "baseline": "middle",
     "color": "#1b1f24",
     "fontSize": 13,
     "fontWeight": "bold",
     "limit": 0,
     "type": "text"
    },
    "transform": [
     {
      "filter": "(datum.k === 'head')"
     }
    ]
   }
  ],
  "padding": {
   "bottom": 5,
   "left": 2,
   "right": 2,
   "top": 5
  },
  "width": "container"
 },
 "[\"scatter\", \"执行率（计算，%）\", \"得分\", [\"执行率\", \"超出预算\"]]": {
  "$schema": "https://vega.github.io/schema/vega-lite/v6.4.1.json",
  "config": {
   "axis": {
    "labelFontSize": 12,
    "labelLimit": 0,
    "titleFontSize": 12
   },
   "font": "Noto Sans CJK SC, Source Han Sans SC, PingFang SC, Microsoft YaHei, sans-serif",
   "legend": {
    "labelFontSize": 12,
    "orient": "top",
    "title": null
   },
   "view": {
    "continuousHeight": 300,
    "continuousWidth": 300,
    "stroke": null
   }
  },
  "data": {
   "values": []
  },
  "height": 280,
  "layer": [
   {
    "data": {
     "values": [
      {
       "x": 100
      }
     ]
    },
    "encoding": {
     "x": {
      "field": "x",
      "scale": {
       "padding": 12,
       "zero": false
      },
      "title": "执行率（计算，%）",
      "type": "quantitative"
     }
    },
    "mark": {
     "aria": false,
     "color": "#57606a",
     "strokeDash": [
      4,
      3
     ],
     "type": "rule"
    }
   },
   {
    "encoding": {
     "color": {
      "field": "s",
      "legend": {
       "direction": "horizontal",
       "labelLimit": 0,
       "orient": "top"
      },
      "scale": {
       "domain": [
        "执行率",
        "超出预算"
       ],
       "range": [
        "#1f4e8c",
        "#c2410c"
       ]
      },
      "title": null,
      "type": "nominal"
     },
     "tooltip": [
      {
       "field": "名称",
       "type": "nominal"
      },
      {
       "field": "年度",
       "type": "nominal"
      },
      {
       "field": "x",
       "format": ".2f",
       "title": "执行率（计算，%）",
       "type": "quantitative"
      },
      {
       "field": "y",
       "title": "得分",
       "type": "quantitative"
      },
      {
       "field": "n",
       "title": "此处评价数",
       "type": "quantitative"
      }
     ],
     "x": {
      "field": "x",
      "scale": {
       "padding": 12,
       "zero": false
      },
      "title": "执行率（计算，%）",
      "type": "quantitative"
     },
     "y": {
      "field": "y",
      "scale": {
       "padding": 12,
       "zero": false
      },
      "title": "得分",
      "type": "quantitative"
     }
    },
    "mark": {
     "cursor": "pointer",
     "opacity": 0.7,
     "size": 90,
     "type": "circle"
    },
    "transform": [
     {
      "filter": "year == 0 || datum['年度'] == year"
     },
     {
      "groupby": [
       "x",
       "y"
      ],
      "joinaggregate": [
       {
        "as": "n",
        "op": "count"
       }
      ]
     }
    ]
   },
   {
    "encoding": {
     "text": {
      "field": "t",
      "type": "nominal"
     },
     "x": {
      "field": "x",
      "scale": {
       "padding": 12,
       "zero": false
      },
      "title": "执行率（计算，%）",
      "type": "quantitative"
     },
     "y": {
      "field": "y",
      "scale": {
       "padding": 12,
       "zero": false
      },
      "title": "得分",
      "type": "quantitative"
     }
    },
    "mark": {
     "align": "left",
     "aria": false,
     "color": "#24292f",
     "dx": 7,
     "dy": -7,
     "fontSize": 12,
     "type": "text"
    },
    "transform": [
     {
      "filter": "year == 0 || datum['年度'] == year"
     },
     {
      "aggregate": [
       {
        "as": "n",
        "op": "count"
       }
      ],
      "groupby": [
       "x",
       "y"
      ]
     },
     {
      "filter": "datum.n > 1"
     },
     {
      "as": "t",
      "calculate": "datum.n + ' 份'"
     }
    ]
   }
  ],
  "params": [
   {
    "name": "year",
    "value": 0
   }
  ],
  "width": "container"
 },
 "[\"scatter\", \"执行率（计算，%）\", \"得分\", [\"执行率\"]]": {
  "$schema": "https://vega.github.io/schema/vega-lite/v6.4.1.json",
  "config": {
   "axis": {
    "labelFontSize": 12,
    "labelLimit": 0,
    "titleFontSize": 12
   },
   "font": "Noto Sans CJK SC, Source Han Sans SC, PingFang SC, Microsoft YaHei, sans-serif",
   "legend": {
    "labelFontSize": 12,
    "orient": "top",
    "title": null
   },
   "view": {
    "continuousHeight": 300,
    "continuousWidth": 300,
    "stroke": null
   }
  },
  "data": {
   "values": []
  },
  "height": 280,
  "layer": [
   {
    "data": {
     "values": [
      {
       "x": 100
      }
     ]
    },
    "encoding": {
     "x": {
      "field": "x",
      "scale": {
       "padding": 12,
       "zero": false
      },
      "title": "执行率（计算，%）",
      "type": "quantitative"
     }
    },
    "mark": {
     "aria": false,
     "color": "#57606a",
     "strokeDash": [
      4,
      3
     ],
     "type": "rule"
    }
   },
   {
    "encoding": {
     "color": {
      "field": "s",
      "legend": {
       "direction": "horizontal",
       "labelLimit": 0,
       "orient": "top"
      },
      "scale": {
       "domain": [
        "执行率"
       ],
       "range": [
        "#1f4e8c"
       ]
      },
      "title": null,
      "type": "nominal"
     },
     "tooltip": [
      {
       "field": "名称",
       "type": "nominal"
      },
      {
       "field": "年度",
       "type": "nominal"
      },
      {
       "field": "x",
       "format": ".2f",
       "title": "执行率（计算，%）",
       "type": "quantitative"
      },
      {
       "field": "y",
       "title": "得分",
       "type": "quantitative"
      },
      {
       "field": "n",
       "title": "此处评价数",
       "type": "quantitative"
      }
     ],
     "x": {
      "field": "x",
      "scale": {
       "padding": 12,
       "zero": false
      },
      "title": "执行率（计算，%）",
      "type": "quantitative"
     },
     "y": {
      "field": "y",
      "scale": {
       "padding": 12,
       "zero": false
      },
      "title": "得分",
      "type": "quantitative"
     }
    },
    "mark": {
     "cursor": "pointer",
     "opacity": 0.7,
     "size": 90,
     "type": "circle"
    },
    "transform": [
     {
      "filter": "year == 0 || datum['年度'] == year"
     },
     {
      "groupby": [
       "x",
       "y"
      ],
      "joinaggregate": [
       {
        "as": "n",
        "op": "count"
       }
      ]
     }
    ]
   },
   {
    "encoding": {
     "text": {
      "field": "t",
      "type": "nominal"
     },
     "x": {
      "field": "x",
      "scale": {
       "padding": 12,
       "zero": false
      },
      "title": "执行率（计算，%）",
      "type": "quantitative"
     },
     "y": {
      "field": "y",
      "scale": {
       "padding": 12,
       "zero": false
      },
      "title": "得分",
      "type": "quantitative"
     }
    },
    "mark": {
     "align": "left",
     "aria": false,
     "color": "#24292f",
     "dx": 7,
     "dy": -7,
     "fontSize": 12,
     "type": "text"
    },
    "transform": [
     {
      "filter": "year == 0 || datum['年度'] == year"
     },
     {
      "aggregate": [
       {
        "as": "n",
        "op": "count"
       }
      ],
      "groupby": [
       "x",
       "y"
      ]
     },
     {
      "filter": "datum.n > 1"
     },
     {
      "as": "t",
      "calculate": "datum.n + ' 份'"
     }
    ]
   }
  ],
  "params": [
   {
    "name": "year",
    "value": 0
   }
  ],
  "width": "container"
 },
 "[\"scatter\", \"执行率（计算，%）\", \"得分\", [\"超出预算\"]]": {
  "$schema": "https://vega.github.io/schema/vega-lite/v6.4.1.json",
  "config": {
   "axis": {
    "labelFontSize": 12,
    "labelLimit": 0,
    "titleFontSize": 12
   },
   "font": "Noto Sans CJK SC, Source Han Sans SC, PingFang SC, Microsoft YaHei, sans-serif",
   "legend": {
    "labelFontSize": 12,
    "orient": "top",
    "title": null
   },
   "view": {
    "continuousHeight": 300,
    "continuousWidth": 300,
    "stroke": null
   }
  },
  "data": {
   "values": []
  },
  "height": 280,
  "layer": [
   {
    "data": {
     "values": [
      {
       "x": 100
      }
     ]
    },
    "encoding": {
     "x": {
      "field": "x",
      "scale": {
       "padding": 12,
       "zero": false
      },
      "title": "执行率（计算，%）",
      "type": "quantitative"
     }
    },
    "mark": {
     "aria": false,
     "color": "#57606a",
     "strokeDash": [
      4,
      3
     ],
     "type": "rule"
    }
   },
   {
    "encoding": {
     "color": {
      "field": "s",
      "legend": {
       "direction": "horizontal",
       "labelLimit": 0,
       "orient": "top"
      },
      "scale": {
       "domain": [
        "超出预算"
       ],
       "range": [
        "#c2410c"
       ]
      },
      "title": null,
      "type": "nominal"
     },
     "tooltip": [
      {
       "field": "名称",
       "type": "nominal"
      },
      {
       "field": "年度",
       "type": "nominal"
      },
      {
       "field": "x",
       "format": ".2f",
       "title": "执行率（计算，%）",
       "type": "quantitative"
      },
      {
       "field": "y",
       "title": "得分",
       "type": "quantitative"
      },
      {
       "field": "n",
       "title": "此处评价数",
       "type": "quantitative"
      }
     ],
     "x": {
      "field": "x",
      "scale": {
       "padding": 12,
       "zero": false
      },
      "title": "执行率（计算，%）",
      "type": "quantitative"
     },
     "y": {
      "field": "y",
      "scale": {
       "padding": 12,
       "zero": false
      },
      "title": "得分",
      "type": "quantitative"
     }
    },
    "mark": {
     "cursor": "pointer",
     "opacity": 0.7,
     "size": 90,
     "type": "circle"
    },
    "transform": [
     {
      "filter": "year == 0 || datum['年度'] == year"
     },
     {
      "groupby": [
       "x",
       "y"
      ],
      "joinaggregate": [
       {
        "as": "n",
        "op": "count"
       }
      ]
     }
    ]
   },
   {
    "encoding": {
     "text": {
      "field": "t",
      "type": "nominal"
     },
     "x": {
      "field": "x",
      "scale": {
       "padding": 12,
       "zero": false
      },
      "title": "执行率（计算，%）",
      "type": "quantitative"
     },
     "y": {
      "field": "y",
      "scale": {
       "padding": 12,
       "zero": false
      },
      "title": "得分",
      "type": "quantitative"
     }
    },
    "mark": {
     "align": "left",
     "aria": false,
     "color": "#24292f",
     "dx": 7,
     "dy": -7,
     "fontSize": 12,
     "type": "text"
    },
    "transform": [
     {
      "filter": "year == 0 || datum['年度'] == year"
     },
     {
      "aggregate": [
       {
        "as": "n",
        "op": "count"
       }
      ],
      "groupby": [
       "x",
       "y"
      ]
     },
     {
      "filter": "datum.n > 1"
     },
     {
      "as": "t",
      "calculate": "datum.n + ' 份'"
     }
    ]
   }
  ],
  "params": [
   {
    "name": "year",
    "value": 0
   }
  ],
  "width": "container"
 },
 "[\"scatter\", \"执行率（计算，%）\", \"得分\", []]": {
  "$schema": "https://vega.github.io/schema/vega-lite/v6.4.1.json",
  "config": {
   "axis": {
    "labelFontSize": 12,
    "labelLimit": 0,
    "titleFontSize": 12
   },
   "font": "Noto Sans CJK SC, Source Han Sans SC, PingFang SC, Microsoft YaHei, sans-serif",
   "legend": {
    "labelFontSize": 12,
    "orient": "top",
    "title": null
   },
   "view": {
    "continuousHeight": 300,
    "continuousWidth": 300,
    "stroke": null
   }
  },
  "data": {
   "values": []
  },
  "height": 280,
  "layer": [
   {
    "data": {
     "values": [
      {
       "x": 100
      }
     ]
    },
    "encoding": {
     "x": {
      "field": "x",
      "scale": {
       "padding": 12,
       "zero": false
      },
      "title": "执行率（计算，%）",
      "type": "quantitative"
     }
    },
    "mark": {
     "aria": false,
     "color": "#57606a",
     "strokeDash": [
      4,
      3
     ],
     "type": "rule"
    }
   },
   {
    "encoding": {
     "color": {
      "field": "s",
      "legend": {
       "direction": "horizontal",
       "labelLimit": 0,
       "orient": "top"
      },
      "scale": {
       "domain": [],
       "range": []
      },
      "title": null,
      "type": "nominal"
     },
     "tooltip": [
      {
       "field": "名称",
       "type": "nominal"
      },
      {
       "field": "年度",
       "type": "nominal"
      },
      {
       "field": "x",
       "format": ".2f",
       "title": "执行率（计算，%）",
       "type": "quantitative"
      },
      {
       "field": "y",
       "title": "得分",
       "type": "quantitative"
      },
      {
       "field": "n",
       "title": "此处评价数",
       "type": "quantitative"
      }
     ],
     "x": {
      "field": "x",
      "scale": {
       "padding": 12,
       "zero": false
      },
      "title": "执行率（计算，%）",
      "type": "quantitative"
     },
     "y": {
      "field": "y",
      "scale": {
       "padding": 12,
       "zero": false
      },
      "title": "得分",
      "type": "quantitative"
     }
    },
    "mark": {
     "cursor": "pointer",
     "opacity": 0.7,
     "size": 90,
     "type": "circle"
    },
    "transform": [
     {
      "filter": "year == 0 || datum['年度'] == year"
     },
     {
      "groupby": [
       "x",
       "y"
      ],
      "joinaggregate": [
       {
        "as": "n",
        "op": "count"
       }
      ]
     }
    ]
   },
   {
    "encoding": {
     "text": {
      "field": "t",
      "type": "nominal"
     },
     "x": {
      "field": "x",
      "scale": {
       "padding": 12,
       "zero": false
      },
      "title": "执行率（计算，%）",
      "type": "quantitative"
     },
     "y": {
      "field": "y",
      "scale": {
       "padding": 12,
       "zero": false
      },
      "title": "得分",
      "type": "quantitative"
     }
    },
    "mark": {
     "align": "left",
     "aria": false,
     "color": "#24292f",
     "dx": 7,
     "dy": -7,
     "fontSize": 12,
     "type": "text"
    },
    "transform": [
     {
      "filter": "year == 0 || datum['年度'] == year"
     },
     {
      "aggregate": [
       {
        "as": "n",
        "op": "count"
       }
      ],
      "groupby": [
       "x",
       "y"
      ]
     },
     {
      "filter": "datum.n > 1"
     },
     {
      "as": "t",
      "calculate": "datum.n + ' 份'"
     }
    ]
   }
  ],
  "params": [
   {
    "name": "year",
    "value": 0
   }
  ],
  "width": "container"
 }
}
"""
)
